package io.geoetl.raster;

import static io.geoetl.raster.RasterTestSupport.completed;
import static io.geoetl.raster.RasterTestSupport.process;
import static io.geoetl.raster.RasterTestSupport.shared;
import static io.geoetl.raster.RasterTestSupport.upload;
import static org.assertj.core.api.Assertions.assertThat;

import com.azure.storage.blob.BlobContainerClient;
import com.azure.storage.blob.models.ListBlobsOptions;
import com.fasterxml.jackson.databind.JsonNode;
import io.geoetl.stac.StacSchemas;
import io.geoetl.testing.Api;
import io.geoetl.testing.TestDb;
import io.geoetl.testing.RunningRouter;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.gdal.gdal.Dataset;
import org.gdal.gdal.gdal;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** process_raster on generated rasters: multispectral items, TiFF datetime, tier fallback, reprojection, rerun, cleanup. */
class ProcessRasterTest {
    private static final String CONTAINER = "raster-jobs";
    private static final String COLLECTION = "raster-jobs-" + UUID.randomUUID().toString().substring(0, 8);
    private static RunningRouter router;
    private static Api api;
    private static BlobContainerClient bronze;
    @TempDir
    static Path work;

    @BeforeAll
    static void start() {
        router = RunningRouter.builder().property("geoetl.work.dir", work.resolve("work").toString())
                .property("geoetl.raster.titiler-url", "https://titiler.example.org/").start();
        api = new Api(router.baseUrl());
        bronze = RasterTestSupport.container(CONTAINER);
    }

    @AfterAll
    static void stop() {
        if (router != null) router.close();
    }

    @Test
    void sensorMetadataOfTheSourceEndsAsTheStacFieldsItMapsTo() {
        Path file = GeneratedRasters.byteTiff(work.resolve("tagged.tif"), 600, 400, 3, true, List.of("TILED=YES"));
        Dataset ds = gdal.Open(file.toString(), 1);
        ds.SetMetadataItem("TIFFTAG_DATETIME", "2024:05:06 07:08:09");
        ds.SetMetadataItem("TIFFTAG_SOFTWARE", "Agisoft Metashape 2.1");
        ds.SetMetadataItem("EXIF_Make", "DJI");
        ds.SetMetadataItem("EXIF_Model", "FC6310");
        ds.SetMetadata(new Hashtable<>(Map.of("IMAGE_1.satId", "\"WV02\"", "IMAGE_1.firstLineTime", "2023-07-14T10:11:12.345678Z",
                "IMAGE_1.meanSunAz", "152.3", "IMAGE_1.meanSunEl", "61.2", "IMAGE_1.meanOffNadirViewAngle", "14.8",
                "IMAGE_1.cloudCover", "0.12", "IMAGE_1.meanCollectedGSD", "0.52")), "IMD");
        ds.GetRasterBand(1).SetDescription("red edge");
        ds.delete();
        String blob = unique("sensor/tagged.tif");
        upload(bronze, blob, file);

        JsonNode item = item(completed(process(api, parameters(blob, ""))));

        StacSchemas.assertItem(item);
        JsonNode p = item.get("properties");
        assertThat(item.get("stac_extensions").toString()).contains("view/v1.0.0", "eo/v1.1.0");
        assertThat(p.get("datetime").asText()).isEqualTo("2023-07-14T10:11:12.345Z");
        assertThat(p.get("platform").asText()).isEqualTo("wv02");
        assertThat(p.get("constellation").asText()).isEqualTo("worldview");
        assertThat(p.get("instruments").toString()).isEqualTo("[\"fc6310\"]");
        assertThat(p.get("gsd").asDouble()).isEqualTo(0.52);
        assertThat(p.get("view:off_nadir").asDouble()).isEqualTo(14.8);
        assertThat(p.get("view:sun_azimuth").asDouble()).isEqualTo(152.3);
        assertThat(p.get("view:sun_elevation").asDouble()).isEqualTo(61.2);
        assertThat(p.get("eo:cloud_cover").asDouble()).isCloseTo(12.0, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(p.get("geoetl:tiff").get("software").asText()).isEqualTo("Agisoft Metashape 2.1");
        assertThat(p.get("geoetl:exif").get("Make").asText()).isEqualTo("DJI");
        assertThat(p.get("geoetl:bands").get(0).get("description").asText()).isEqualTo("red edge");
    }

    @Test
    void aFourBandRasterBecomesAMultispectralItemWithEoBandsTitilerPresetsAndItsTiffDatetime() {
        Path file = GeneratedRasters.byteTiff(work.resolve("four.tif"), 1200, 900, 4, true, List.of("TILED=YES", "PHOTOMETRIC=MINISBLACK"));
        Dataset ds = gdal.Open(file.toString(), 1);
        ds.SetMetadataItem("TIFFTAG_DATETIME", "2021:06:15 10:30:00");
        ds.delete();
        String blob = unique("multi/four.tif");
        upload(bronze, blob, file);
        JsonNode result = completed(process(api, parameters(blob, "")));
        assertThat(result.get("raster_type").asText()).isEqualTo("multispectral");
        JsonNode item = item(result);
        StacSchemas.assertItem(item);
        assertThat(item.get("stac_extensions").toString()).contains("eo/v1.1.0");
        assertThat(item.get("properties").get("datetime").asText()).isEqualTo("2021-06-15T10:30:00Z");
        assertThat(item.get("properties").get("proj:epsg").asInt()).isEqualTo(32632);
        assertThat(item.get("properties").get("proj:shape").toString()).isEqualTo("[900,1200]");
        assertThat(item.get("properties").get("proj:transform").toString()).isEqualTo("[10.0,0.0,500000.0,0.0,-10.0,5200000.0]");
        assertThat(item.get("assets").get("analysis").get("eo:bands")).hasSize(4);
        assertThat(item.get("assets").get("analysis").get("raster:bands").get(0).get("data_type").asText()).isEqualTo("uint8");
        assertThat(item.get("assets").get("analysis").get("raster:bands").get(0).get("statistics").get("maximum").asDouble()).isPositive();
        List<String> links = new ArrayList<>();
        item.get("links").forEach(link -> links.add(link.get("href").asText()));
        assertThat(links).anySatisfy(href -> assertThat(href).startsWith("https://titiler.example.org/cog/tilejson.json?url=http"));
        assertThat(links).anySatisfy(href -> assertThat(href).contains("expression=%28b4-b1%29%2F%28b4%2Bb1%29"));
        JsonNode provenance = item.get("properties").get("geoetl:provenance");
        assertThat(provenance.get(0).get("sha256").asText()).isEqualTo(Sha256.of(file));
        assertThat(provenance.get(1).get("sha256").asText()).isEqualTo(result.get("cogs").get(0).get("sha256").asText());
        assertThat(item.get("properties").get("processing:software").get("GDAL").asText()).startsWith("GDAL 3.");
    }

    @Test
    void visualizationOfASixteenBitRasterFallsBackToAnalysisWithAWarning() {
        String blob = unique("rgba.tif");
        upload(bronze, blob, shared("RGBA.uint16.tif"));
        JsonNode result = completed(process(api, parameters(blob, ", \"tier\": \"visualization\"")));
        assertThat(result.get("cogs")).hasSize(1);
        assertThat(result.get("cogs").get(0).get("tier").asText()).isEqualTo("analysis");
        assertThat(result.get("warnings").toString()).contains("visualization needs 3 bands of 8 bits");
        assertThat(result.get("raster_type").asText()).isEqualTo("rgba");
    }

    @Test
    void targetCrsReprojectsInTheSamePass() {
        String blob = unique("rgb-4326.tif");
        upload(bronze, blob, shared("RGB.byte.tif"));
        JsonNode result = completed(process(api, parameters(blob, ", \"target_crs\": \"EPSG:4326\", \"raster_type\": \"rgb\"")));
        JsonNode item = item(result);
        StacSchemas.assertItem(item);
        assertThat(item.get("properties").get("proj:epsg").asInt()).isEqualTo(4326);
        assertThat(item.get("bbox").get(0).asDouble()).isBetween(-79.0, -77.0);
    }

    @Test
    void cleanupRemovesTheItemTheCogsTheThumbnailAndTheRows() {
        String blob = unique("clean.tif");
        upload(bronze, blob, shared("byte.tif"));
        JsonNode job = process(api, parameters(blob, ", \"tier\": \"all\""));
        JsonNode result = completed(job);
        String jobId = job.get("job_id").asText();
        String silver = result.get("cogs").get(0).get("blob").asText().split("/", 2)[0];
        String prefix = "cogs/" + COLLECTION + "/" + result.get("item_id").asText() + "_";
        assertThat(RasterTestSupport.container(silver).listBlobs(new ListBlobsOptions().setPrefix(prefix), null)).hasSize(3);
        assertThat(TestDb.shared().count("select count(*) from app.cog_metadata where job_id = ?", jobId)).isEqualTo(2);

        Api.Reply cleanup = api.post("/api/jobs/" + jobId + "/cleanup?dry_run=false", "");
        assertThat(cleanup.status()).as(cleanup.text()).isEqualTo(200);
        assertThat(RasterTestSupport.container(silver).listBlobs(new ListBlobsOptions().setPrefix(prefix), null)).isEmpty();
        assertThat(TestDb.shared().count("select count(*) from app.cog_metadata where job_id = ?", jobId)).isZero();
        assertThat(api.get("/api/stac/collections/" + COLLECTION + "/items/" + result.get("item_id").asText()).status()).isEqualTo(404);
    }

    @Test
    void anItemAnotherJobWroteIsOnlyReplacedWithOverwrite() {
        String blob = unique("twice.tif");
        upload(bronze, blob, shared("byte.tif"));
        completed(process(api, parameters(blob, "")));
        JsonNode refused = process(api, parameters(blob, ", \"tier\": \"archive\""));
        assertThat(refused.get("status").asText()).isEqualTo("failed");
        assertThat(refused.at("/error/message").asText()).contains("already exists").contains("overwrite=true");
        completed(process(api, parameters(blob, ", \"tier\": \"archive\", \"overwrite\": true")));
    }

    @Test
    void aZipHoldingOneRasterInAFolderIsUnpackedAndProcessed() throws IOException {
        Path tif = GeneratedRasters.byteTiff(work.resolve("zipped.tif"), 300, 200, 1, true, List.of());
        Path zip = work.resolve("zipped.zip");
        try (OutputStream out = Files.newOutputStream(zip); ZipOutputStream z = new ZipOutputStream(out)) {
            z.putNextEntry(new ZipEntry("tiles/zipped.tif"));
            Files.copy(tif, z);
            z.closeEntry();
        }
        String blob = unique("scene.zip");
        upload(bronze, blob, zip);
        JsonNode result = completed(process(api, parameters(blob, "")));
        assertThat(result.get("cogs")).hasSize(1);
        JsonNode item = item(result);
        StacSchemas.assertItem(item);
        assertThat(item.get("properties").get("proj:shape").toString()).isEqualTo("[200,300]");
        assertThat(item.get("properties").get("proj:epsg").asInt()).isEqualTo(32632);
    }

    @Test
    void theValidateAndCogTasksReportTheWallAndCpuSecondsOfEachStep() {
        String blob = unique("timed.tif");
        upload(bronze, blob, shared("RGB.byte.tif"));
        JsonNode job = process(api, parameters(blob, ""));
        JsonNode result = completed(job);
        JsonNode tasks = api.get("/api/jobs/" + job.get("job_id").asText() + "/tasks").body().get("tasks");
        JsonNode validate = tasks.get(0).get("result");
        JsonNode cog = tasks.get(1).get("result");
        assertThat(tasks.get(1).get("task_type").asText()).isEqualTo("cog");

        assertThat(fieldNames(validate.get("step_seconds"))).containsExactlyInAnyOrder("download", "sha256", "inspect");
        assertThat(fieldNames(cog.get("step_seconds"))).containsExactlyInAnyOrder("fetch", "write", "layout_check", "sha256",
                "statistics", "upload", "thumbnail", "metadata_row");
        assertThat(fieldNames(cog.get("step_cpu_seconds"))).isEqualTo(fieldNames(cog.get("step_seconds")));
        // GDAL's COG driver did real work in this process during the write, and the job result keeps its wall time
        assertThat(cog.get("step_cpu_seconds").get("write").asDouble()).isPositive();
        assertThat(result.get("cogs").get(0).get("write_seconds").asDouble()).isEqualTo(cog.get("step_seconds").get("write").asDouble());
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static String parameters(String blob, String extra) {
        return "{\"container\": \"" + CONTAINER + "\", \"blob_name\": \"" + blob + "\", \"collection_id\": \"" + COLLECTION + "\"" + extra + "}";
    }

    private static JsonNode item(JsonNode result) {
        Api.Reply reply = api.get("/api/stac/collections/" + COLLECTION + "/items/" + result.get("item_id").asText());
        assertThat(reply.status()).as(reply.text()).isEqualTo(200);
        return reply.body();
    }

    private static String unique(String name) {
        return UUID.randomUUID().toString().substring(0, 8) + "/" + name;
    }
}
