package io.geoetl.vector;

import static io.geoetl.vector.VectorTestSupport.assertNothingLeftBehind;
import static io.geoetl.vector.VectorTestSupport.count;
import static io.geoetl.vector.VectorTestSupport.execute;
import static io.geoetl.vector.VectorTestSupport.ingest;
import static io.geoetl.vector.VectorTestSupport.tableExists;
import static io.geoetl.vector.VectorTestSupport.upload;
import static org.assertj.core.api.Assertions.assertThat;

import com.azure.storage.blob.BlobContainerClient;
import com.fasterxml.jackson.databind.JsonNode;
import io.geoetl.testing.Api;
import io.geoetl.testing.RunningRouter;
import io.geoetl.testing.TestServices;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bad input fails the job with a specific message and leaves nothing behind: no staging table,
 * no target table, no catalog row, no registration, no work folder. Limits are small here:
 * 8 MB per blob, archives up to 5 MB unpacked and a ratio of 100.
 */
class VectorIngestBadInputTest {
    private static final String CONTAINER = "vector-bad";
    private static RunningRouter router;
    private static Api api;
    private static BlobContainerClient blobs;
    @TempDir
    static Path work;
    @TempDir
    Path files;

    @BeforeAll
    static void start() {
        TestServices.get().deleteAllJobs();
        router = RunningRouter.builder()
                .property("geoetl.work.dir", work.toString())
                .property("geoetl.vector.max-file-bytes", String.valueOf(8 * 1024 * 1024))
                .property("geoetl.work.zip.max-extracted-bytes", String.valueOf(5 * 1024 * 1024))
                .property("geoetl.work.zip.max-ratio", "100")
                .property("geoetl.tasks.backoff-base", "PT1S")
                .property("geoetl.vector.max-chunks", "5")
                .start();
        api = new Api(router.baseUrl());
        blobs = VectorTestSupport.container(CONTAINER);
    }

    @AfterAll
    static void stop() {
        router.close();
    }

    @Test
    void anEmptyFileFails() {
        upload(blobs, "empty.geojson", new byte[0]);
        assertThat(failedIngest("empty.geojson", "")).contains("vector-bad/empty.geojson is empty (0 bytes)");
    }

    @Test
    void moreLoadTasksThanTheCapFailAtPrepareNamingAChunkSizeThatFits() {
        StringBuilder features = new StringBuilder();
        for (int i = 0; i < 23; i++) {
            if (i > 0) features.append(',');
            features.append("{\"type\": \"Feature\", \"properties\": {\"n\": ").append(i)
                    .append("}, \"geometry\": {\"type\": \"Point\", \"coordinates\": [").append(i).append(", 1]}}");
        }
        upload(blobs, "many.geojson", ("{\"type\": \"FeatureCollection\", \"features\": [" + features + "]}").getBytes(StandardCharsets.UTF_8));
        assertThat(failedIngest("many.geojson", ", \"chunk_size\": 1"))
                .contains("23 features in chunks of chunk_size 1 would be 23 load tasks; at most 5 are allowed (geoetl.vector.max-chunks)")
                .contains("use chunk_size 5 or more");
    }

    @Test
    void aTruncatedGeoJsonFails() {
        String whole = "{\"type\": \"FeatureCollection\", \"features\": [{\"type\": \"Feature\", \"properties\": {\"a\": 1},"
                + " \"geometry\": {\"type\": \"Point\", \"coordinates\": [1, 2]}}]}";
        upload(blobs, "truncated.geojson", whole.substring(0, whole.length() / 2).getBytes(StandardCharsets.UTF_8));
        assertThat(failedIngest("truncated.geojson", "")).contains("blob vector-bad/truncated.geojson could not be read as geojson");
    }

    @Test
    void aZipWithoutAShapefileFails() {
        upload(blobs, "noshp.zip", TestFiles.zip(Map.of("data/readme.txt", bytes("hello"), "data/parcels.dbf", bytes("x"))));
        assertThat(failedIngest("noshp.zip", "")).contains("holds no .shp file and no .gdb folder (entries: data, data/parcels.dbf, data/readme.txt)");
    }

    @Test
    void aZipEntryEscapingTheFolderIsRefused() {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        entries.put("parcels.shp", bytes("x"));
        entries.put("../../outside.txt", bytes("gotcha"));
        upload(blobs, "slip.zip", TestFiles.zip(entries));
        assertThat(failedIngest("slip.zip", "")).contains("\"../../outside.txt\"").contains("outside the extraction folder (zip slip)");
        assertThat(work.getParent().resolve("outside.txt")).doesNotExist();
    }

    @Test
    void aZipBombPastTheRatioIsRefused() {
        upload(blobs, "bomb.zip", TestFiles.zeros(files.resolve("bomb.zip"), "bomb.shp", 4 * 1024 * 1024));
        assertThat(failedIngest("bomb.zip", "")).contains("unpacks to more than 100 times its size").contains("zip bomb");
    }

    @Test
    void aZipPastTheUnpackedSizeIsRefused() {
        byte[] noise = new byte[6 * 1024 * 1024];
        new Random(1).nextBytes(noise);
        upload(blobs, "big.zip", TestFiles.zip(Map.of("big.shp", noise)));
        assertThat(failedIngest("big.zip", "")).contains("unpacks to more than 5242880 bytes (geoetl.work.zip.max-extracted-bytes)");
    }

    @Test
    void aShapefileWithoutPrjFailsNamingTheSourceCrsParameter() throws Exception {
        Path folder = Files.createDirectories(files.resolve("noprj"));
        TestFiles.squares(folder.resolve("noprj.shp"), "ESRI Shapefile", "noprj", 3, null, List.of());
        assertThat(folder.resolve("noprj.prj")).doesNotExist();
        upload(blobs, "noprj.zip", TestFiles.zipFolder(folder, ""));
        assertThat(failedIngest("noprj.zip", "")).contains("has no coordinate reference system").contains("set the source_crs parameter");
    }

    @Test
    void aCsvWithWktButNoCrsFailsNamingTheSourceCrsParameter() {
        upload(blobs, "nocrs.csv", bytes("wkt,label\n\"POINT (1 2)\",a\n"));
        assertThat(failedIngest("nocrs.csv", "")).contains("set the source_crs parameter");
    }

    @Test
    void aTableNameWithSqlIsRefusedAtSubmission() {
        upload(blobs, "fine.geojson", bytes("{\"type\": \"FeatureCollection\", \"features\": []}"));
        long jobsBefore = count("select count(*) from app.jobs");
        Api.Reply reply = api.submit("ingest_vector", "{\"container\": \"" + CONTAINER + "\", \"blob_name\": \"fine.geojson\","
                + " \"table_name\": \"x; drop table y\"}");
        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.body().get("code").asText()).isEqualTo("invalid_parameters");
        assertThat(reply.body().at("/details/problems/0").asText())
                .isEqualTo("table_name must match ^[a-z_][a-z0-9_]{0,62}$ (lower-case letters, digits, underscores), got \"x; drop table y\"");
        assertThat(count("select count(*) from app.jobs")).isEqualTo(jobsBefore);
    }

    @Test
    void aLayerThatDoesNotExistFails() {
        Path gpkg = TestFiles.squares(files.resolve("layers.gpkg"), "GPKG", "squares", 2, 4326, List.of());
        upload(blobs, "layers.gpkg", gpkg);
        assertThat(failedIngest("layers.gpkg", ", \"layer_name\": \"nope\""))
                .contains("layer \"nope\" does not exist in blob vector-bad/layers.gpkg; its layers are: squares");
    }

    @Test
    void aFileOverTheMaximumSizeFails() {
        byte[] big = new byte[9 * 1024 * 1024];
        Arrays.fill(big, (byte) ' ');
        upload(blobs, "huge.geojson", big);
        assertThat(failedIngest("huge.geojson", "")).contains("is 9437184 bytes, over the limit of 8388608 bytes (geoetl.vector.max-file-bytes)");
    }

    @Test
    void textThatIsNotUtf8FailsNamingColumnAndFeatureAfterLoadingStarted() {
        upload(blobs, "latin.csv", "name,lon,lat\nok,1,2\nM\u00fcller,3,4\n".getBytes(java.nio.charset.Charset.forName("ISO-8859-1")));
        assertThat(failedIngest("latin.csv", ", \"source_crs\": \"EPSG:4326\""))
                .contains("column \"name\" (field \"name\") of feature 2 is not valid UTF-8").contains("set the encoding parameter");
    }

    /** Submits an ingest of {@code blob} into table {@code bad_target}, expects it to fail as bad input; returns the message. */
    private String failedIngest(String blob, String extraParameters) {
        execute("drop table if exists geo.bad_target");
        execute("delete from geo.table_catalog where table_name = 'bad_target'");
        JsonNode job = ingest(api, "{\"container\": \"" + CONTAINER + "\", \"blob_name\": \"" + blob + "\", \"table_name\": \"bad_target\""
                + extraParameters + "}");
        assertThat(job.get("status").asText()).as(job.toPrettyString()).isEqualTo("failed");
        assertThat(job.at("/error/code").asText()).isEqualTo("bad_input");
        String jobId = job.get("job_id").asText();
        assertNothingLeftBehind(jobId, work);
        assertThat(tableExists("geo", "bad_target")).isFalse();
        assertThat(count("select count(*) from geo.table_catalog where table_name = 'bad_target'")).isZero();
        return job.at("/error/message").asText();
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
