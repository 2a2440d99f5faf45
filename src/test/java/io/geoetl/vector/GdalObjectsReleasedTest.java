package io.geoetl.vector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.azure.storage.blob.BlobContainerClient;
import com.fasterxml.jackson.databind.JsonNode;
import io.geoetl.gdal.GdalRuntime;
import io.geoetl.jobs.InvalidParametersException;
import io.geoetl.jobs.Json;
import io.geoetl.testing.Api;
import io.geoetl.testing.RunningRouter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Defect 9 of issue 8: every CRS, transformation and splitter ingest creates is released on every
 * path: parameter checks (known and unknown CRS codes), a source without a CRS, prepare's bad-input
 * paths after the CRSs were made, and a complete ingest. {@link GdalObjects#live} counts what was
 * created through it and not released; the router runs in this JVM, so the count covers its tasks.
 */
class GdalObjectsReleasedTest {
    private static final String CONTAINER = "gdal-objects";

    @TempDir
    Path work;

    @Test
    void parameterChecksReleaseTheCrsTheyParse() {
        GdalRuntime.init();
        long before = GdalObjects.live();
        IngestParameters.normalise(Json.parse(params("a.geojson", "\"source_crs\": \"EPSG:25832\", \"target_crs\": \"EPSG:3857\"")));
        assertThatThrownBy(() -> IngestParameters.normalise(Json.parse(params("a.geojson", "\"source_crs\": \"EPSG:999999\""))))
                .isInstanceOf(InvalidParametersException.class).hasMessageContaining("not a CRS GDAL knows");
        assertThatThrownBy(() -> IngestParameters.normalise(Json.parse(params("a.geojson", "\"target_crs\": \"EPSG:999998\""))))
                .isInstanceOf(InvalidParametersException.class).hasMessageContaining("not a CRS GDAL knows");
        assertThat(GdalObjects.live()).as("GDAL objects left by three parameter checks").isEqualTo(before);
    }

    @Test
    void prepareAndLoadReleaseTheirCrsObjectsOnEveryPath() {
        GdalRuntime.init();
        BlobContainerClient blobs = VectorTestSupport.container(CONTAINER);
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        String squares = "squares_" + suffix + ".gpkg";
        VectorTestSupport.upload(blobs, squares, TestFiles.squares(work.resolve(squares), "GPKG", "squares", 5, 25832, List.of()));
        String noCrs = "nocrs_" + suffix + ".csv";
        VectorTestSupport.upload(blobs, noCrs, "name,lon,lat\na,8,47\n".getBytes(StandardCharsets.UTF_8));
        try (RunningRouter router = RunningRouter.builder().property("geoetl.work.dir", work.resolve("work").toString()).start()) {
            Api api = new Api(router.baseUrl());
            long before = GdalObjects.live();

            assertFailed(VectorTestSupport.ingest(api, params(squares, "\"table_name\": \"gdal_a_" + suffix
                    + "\", \"index_columns\": [\"no_such_column\"]")), "not a column of the layer");
            assertThat(GdalObjects.live()).as("left by a prepare refused for its index_columns").isEqualTo(before);

            assertFailed(VectorTestSupport.ingest(api, params(squares, "\"table_name\": \"gdal_b_" + suffix
                    + "\", \"time_column\": \"name\"")), "must be a date or date-time column");
            assertThat(GdalObjects.live()).as("left by a prepare refused for its time_column").isEqualTo(before);

            assertFailed(VectorTestSupport.ingest(api, params(noCrs, "\"table_name\": \"gdal_c_" + suffix + "\"")),
                    "set the source_crs parameter");
            assertThat(GdalObjects.live()).as("left by a source without a CRS").isEqualTo(before);

            VectorTestSupport.completed(VectorTestSupport.ingest(api, params(squares, "\"table_name\": \"gdal_d_" + suffix + "\"")));
            assertThat(GdalObjects.live()).as("left by a complete ingest with a reprojection").isEqualTo(before);
        } finally {
            VectorTestSupport.execute("drop table if exists geo.gdal_d_" + suffix);
            VectorTestSupport.execute("delete from geo.table_catalog where table_name = 'gdal_d_" + suffix + "'");
        }
    }

    private static void assertFailed(JsonNode job, String message) {
        assertThat(job.get("status").asText()).as(job.toPrettyString()).isEqualTo("failed");
        assertThat(job.toString()).contains(message);
    }

    private static String params(String blob, String more) {
        return "{\"container\": \"" + CONTAINER + "\", \"blob_name\": \"" + blob + "\", " + more + "}";
    }
}
