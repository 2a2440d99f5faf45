package io.geoetl.raster.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.azure.storage.blob.BlobContainerClient;
import com.azure.storage.blob.BlobServiceClientBuilder;
import com.fasterxml.jackson.databind.JsonNode;
import io.geoetl.gdal.GdalRuntime;
import io.geoetl.jobs.Json;
import io.geoetl.stac.StacSchemas;
import io.geoetl.testing.Api;
import io.geoetl.testing.RunningRouter;
import io.geoetl.testing.TestServices;
import io.geoetl.testing.TestDb;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.Vector;
import java.util.stream.Stream;
import org.gdal.gdal.Band;
import org.gdal.gdal.Dataset;
import org.gdal.gdal.TranslateOptions;
import org.gdal.gdal.gdal;
import org.gdal.gdalconst.gdalconstConstants;
import org.gdal.osr.SpatialReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * catalog_rasters through a real router against Azurite, PostGIS and GDAL: rasters generated
 * with GDAL (a COG written by the COG driver, a stripped GeoTIFF, a tiled GeoTIFF without
 * overviews) and the real ones in ../shared/testdata/raster are catalogued where they lie; the
 * same listing answers the same job and changes nothing; an added file makes a new job; a
 * corrupt .tif ends the job completed_with_errors naming it; cleanup removes the job's items.
 */
class CatalogRastersTest {
    private static final String RUN = UUID.randomUUID().toString().substring(0, 8);
    private static final String CONTAINER = "catalog-rasters";
    private static final Path SHARED = Path.of(System.getenv().getOrDefault("GEOETL_SHARED_DIR", "../shared"), "testdata", "raster");
    private static RunningRouter router;
    private static Api api;
    private static BlobContainerClient container;
    @TempDir
    static Path work;

    @BeforeAll
    static void start() {
        GdalRuntime.init();
        // two rasters per task, so a listing of four is two catalog tasks
        router = RunningRouter.builder().property("geoetl.catalog.rasters-per-task", "2").start();
        api = new Api(router.baseUrl());
        container = new BlobServiceClientBuilder().connectionString(TestServices.get().storageConnectionString).buildClient()
                .getBlobContainerClient(CONTAINER);
        container.createIfNotExists();
    }

    @AfterAll
    static void stop() {
        if (router != null) router.close();
    }

    @Test
    void rastersAreCataloguedWhereTheyLieAndOnlyAChangedListingMakesANewJob() throws Exception {
        String prefix = RUN + "/generated/";
        String collection = "catalog-" + RUN;
        Path base = georeferenced(work.resolve("base.tif"), 1100, 900);
        upload(prefix + "cog.tif", translate(base, work.resolve("cog.tif"), "-of", "COG", "-co", "BLOCKSIZE=512", "-co", "COMPRESS=DEFLATE"));
        upload(prefix + "nested/stripped.tif", translate(base, work.resolve("stripped.tif"), "-of", "GTiff", "-co", "TILED=NO"));
        upload(prefix + "notes.txt", Files.writeString(work.resolve("notes.txt"), "not a raster"));

        String parameters = "{\"container\": \"" + CONTAINER + "\", \"prefix\": \"" + prefix + "\", \"collection_id\": \"" + collection + "\"}";
        Api.Reply first = api.submit("catalog_rasters", parameters);
        assertThat(first.status()).as(first.text()).isEqualTo(201);
        String firstJob = first.body().get("job_id").asText();
        JsonNode job = api.waitForFinal(firstJob, Duration.ofMinutes(2));
        assertThat(job.get("status").asText()).as(job.toPrettyString()).isEqualTo("completed");
        assertThat(job.get("result").get("rasters").asInt()).isEqualTo(2);
        assertThat(job.get("result").get("catalogued_by_complete_tasks").asInt()).isEqualTo(2);

        JsonNode cog = item(collection, RUN + "-generated-cog");
        JsonNode stripped = item(collection, RUN + "-generated-nested-stripped");
        assertThat(cog.get("assets").get("data").get("href").asText()).isEqualTo(url(prefix + "cog.tif"));
        assertThat(stripped.get("assets").get("data").get("href").asText()).isEqualTo(url(prefix + "nested/stripped.tif"));
        assertThat(cog.get("assets").get("data").get("roles").get(0).asText()).isEqualTo("data");
        assertThat(cog.get("properties").get("geoetl:cog_valid").asBoolean()).isTrue();
        assertThat(cog.get("assets").get("data").get("type").asText()).contains("profile=cloud-optimized");
        assertThat(stripped.get("properties").get("geoetl:cog_valid").asBoolean()).isFalse();
        assertThat(stripped.get("properties").get("geoetl:cog_errors").toString()).contains("stripped");
        assertThat(stripped.get("assets").get("data").get("type").asText()).isEqualTo("image/tiff; application=geotiff");
        for (JsonNode item : List.of(cog, stripped)) {
            StacSchemas.assertItem(item);
            assertThat(item.get("properties").get("proj:epsg").asInt()).isEqualTo(32618);
            assertThat(item.get("properties").get("proj:shape").toString()).isEqualTo("[900,1100]");
            JsonNode band = item.get("assets").get("data").get("raster:bands").get(0);
            assertThat(band.get("data_type").asText()).isEqualTo("uint8");
            assertThat(band.get("statistics").get("maximum").asDouble()).isGreaterThan(0);
        }
        assertThat(TestDb.shared().count("select count(*) from stac.items where collection = ?", collection)).isEqualTo(2);
        assertThat(container.listBlobsByHierarchy(prefix).stream().map(b -> b.getName()).toList())
                .as("reading in place writes nothing beside the blobs").doesNotContain(prefix + "cog.tif.aux.xml");

        Map<String, String> before = stored(collection);
        Api.Reply again = api.submit("catalog_rasters", parameters);
        assertThat(again.status()).as(again.text()).isEqualTo(200);
        assertThat(again.body().get("job_id").asText()).isEqualTo(firstJob);
        assertThat(stored(collection)).as("the same listing changes nothing").isEqualTo(before);

        upload(prefix + "tiled.tif", translate(base, work.resolve("tiled.tif"), "-of", "GTiff", "-co", "TILED=YES"));
        Api.Reply added = api.submit("catalog_rasters", parameters);
        assertThat(added.status()).as(added.text()).isEqualTo(201);
        String secondJob = added.body().get("job_id").asText();
        assertThat(secondJob).isNotEqualTo(firstJob);
        job = api.waitForFinal(secondJob, Duration.ofMinutes(2));
        assertThat(job.get("status").asText()).as(job.toPrettyString()).isEqualTo("completed");
        assertThat(TestDb.shared().count("select count(*) from stac.items where collection = ?", collection)).isEqualTo(3);
        JsonNode tiled = item(collection, RUN + "-generated-tiled");
        assertThat(tiled.get("properties").get("geoetl:cog_valid").asBoolean()).isFalse();
        assertThat(tiled.get("properties").get("geoetl:cog_errors").toString()).contains("no overviews");
        Map<String, String> contents = contents(collection);
        assertThat(contents.get(RUN + "-generated-cog")).as("an unchanged blob's item is upserted unchanged")
                .isEqualTo(before.get(RUN + "-generated-cog").split("\\|", 2)[1]);

        upload(prefix + "cog.tif", work.resolve("stripped.tif"));
        Api.Reply replaced = api.submit("catalog_rasters", parameters);
        assertThat(replaced.status()).as("a blob replaced under the same name is a new listing").isEqualTo(201);
        job = api.waitForFinal(replaced.body().get("job_id").asText(), Duration.ofMinutes(2));
        assertThat(job.get("status").asText()).as(job.toPrettyString()).isEqualTo("completed");
        assertThat(item(collection, RUN + "-generated-cog").get("properties").get("geoetl:cog_valid").asBoolean())
                .as("the replaced blob is read afresh, not from GDAL's cache").isFalse();

        upload(prefix + "corrupt.tif", Files.write(work.resolve("corrupt.tif"), "II*\0 this is no TIFF at all".getBytes()));
        Api.Reply withCorrupt = api.submit("catalog_rasters", parameters);
        assertThat(withCorrupt.status()).as(withCorrupt.text()).isEqualTo(201);
        String thirdJob = withCorrupt.body().get("job_id").asText();
        job = api.waitForFinal(thirdJob, Duration.ofMinutes(2));
        assertThat(job.get("status").asText()).as(job.toPrettyString()).isEqualTo("completed_with_errors");
        List<String> errors = new ArrayList<>();
        api.get("/api/jobs/" + thirdJob + "/tasks").body().get("tasks").forEach(t -> {
            if (t.hasNonNull("error")) errors.add(t.get("error").get("message").asText());
        });
        assertThat(errors).hasSize(1);
        assertThat(errors.get(0)).contains(CONTAINER + "/" + prefix + "corrupt.tif").contains("1 of 2");
        assertThat(TestDb.shared().count("select count(*) from stac.items where collection = ? and job_id = ?", collection, thirdJob))
                .as("every readable raster, the corrupt one's batch mate included, was written").isEqualTo(3);

        Api.Reply cleanup = api.post("/api/jobs/" + thirdJob + "/cleanup?dry_run=false", "");
        assertThat(cleanup.status()).as(cleanup.text()).isEqualTo(200);
        assertThat(TestDb.shared().count("select count(*) from stac.items where collection = ?", collection)).isZero();
    }

    @Test
    void everySharedRasterIsCataloguedAndTheExistingCogIsRecognised() throws Exception {
        assumeTrue(Files.isDirectory(SHARED), SHARED + " is absent (set GEOETL_SHARED_DIR to the folder holding testdata/raster): test skipped");
        String prefix = RUN + "/shared/";
        String collection = "catalog-shared-" + RUN;
        List<Path> files;
        try (Stream<Path> listed = Files.list(SHARED)) {
            files = listed.filter(f -> f.toString().endsWith(".tif")).sorted().toList();
        }
        assumeTrue(!files.isEmpty(), "no .tif in " + SHARED + ": test skipped");
        for (Path file : files) upload(prefix + file.getFileName(), file);
        Api.Reply submitted = api.submit("catalog_rasters", "{\"container\": \"" + CONTAINER + "\", \"prefix\": \"" + prefix
                + "\", \"collection_id\": \"" + collection + "\"}");
        assertThat(submitted.status()).as(submitted.text()).isEqualTo(201);
        JsonNode job = api.waitForFinal(submitted.body().get("job_id").asText(), Duration.ofMinutes(3));
        assertThat(job.get("status").asText()).as(job.toPrettyString()).isEqualTo("completed");
        for (Path file : files) {
            String name = file.getFileName().toString();
            JsonNode item = item(collection, RUN + "-shared-" + name.substring(0, name.length() - 4));
            StacSchemas.assertItem(item);
            assertThat(item.get("assets").get("data").get("href").asText()).isEqualTo(url(prefix + name));
            if (name.equals("cogeo.tif")) assertThat(item.get("properties").get("geoetl:cog_valid").asBoolean()).isTrue();
            if (name.equals("RGB.byte.tif")) assertThat(item.get("properties").get("proj:epsg").asInt()).isEqualTo(32618);
        }
    }

    @Test
    void anItemOfTheSameIdForAnotherAssetIsReplacedOnlyWithOverwrite() throws Exception {
        String collection = "catalog-overwrite-" + RUN;
        Path raster = translate(georeferenced(work.resolve("small.tif"), 300, 200), work.resolve("small-cog.tif"), "-of", "COG");
        BlobContainerClient other = new BlobServiceClientBuilder().connectionString(TestServices.get().storageConnectionString)
                .buildClient().getBlobContainerClient(CONTAINER + "-other");
        other.createIfNotExists();
        String name = RUN + "/same/place.tif";
        upload(name, raster);
        other.getBlobClient(name).uploadFromFile(raster.toString(), true);
        String body = "{\"prefix\": \"" + RUN + "/same/\", \"collection_id\": \"" + collection + "\", \"container\": ";
        assertThat(run(body + "\"" + CONTAINER + "\"}").get("status").asText()).isEqualTo("completed");

        JsonNode refused = run(body + "\"" + CONTAINER + "-other\"}");
        assertThat(refused.get("status").asText()).isEqualTo("completed_with_errors");
        String itemId = RUN + "-same-place";
        assertThat(item(collection, itemId).get("assets").get("data").get("href").asText()).isEqualTo(url(name));

        JsonNode replaced = run(body + "\"" + CONTAINER + "-other\", \"overwrite\": true}");
        assertThat(replaced.get("status").asText()).as(replaced.toPrettyString()).isEqualTo("completed");
        assertThat(item(collection, itemId).get("assets").get("data").get("href").asText())
                .isEqualTo(other.getBlobContainerUrl() + "/" + name);
    }

    @Test
    void theJobTypeDescribesItsParameters() {
        JsonNode type = api.get("/api/job-types/catalog_rasters").body();
        assertThat(type.get("parameters").get("properties").fieldNames()).toIterable()
                .containsExactlyInAnyOrder("container", "prefix", "collection_id", "overwrite");
    }

    @Test
    void aMissingContainerOrAPrefixWithoutRastersIsRefused() {
        Api.Reply missing = api.submit("catalog_rasters", "{\"container\": \"no-such-container-" + RUN + "\"}");
        assertThat(missing.status()).as(missing.text()).isEqualTo(400);
        assertThat(missing.text()).contains("container no-such-container-" + RUN + " does not exist");
        Api.Reply empty = api.submit("catalog_rasters", "{\"container\": \"" + CONTAINER + "\", \"prefix\": \"" + RUN + "/nothing/\"}");
        assertThat(empty.status()).as(empty.text()).isEqualTo(400);
        assertThat(empty.text()).contains("no raster");
        Api.Reply unknown = api.submit("catalog_rasters", "{\"container\": \"" + CONTAINER + "\", \"listing\": {}}");
        assertThat(unknown.status()).as(unknown.text()).isEqualTo(400);
        assertThat(unknown.text()).contains("unknown parameter listing");
    }

    private static JsonNode run(String parameters) {
        Api.Reply submitted = api.submit("catalog_rasters", parameters);
        assertThat(submitted.status()).as(submitted.text()).isIn(200, 201);
        return api.waitForFinal(submitted.body().get("job_id").asText(), Duration.ofMinutes(2));
    }

    private static JsonNode item(String collection, String id) {
        Api.Reply reply = api.get("/api/stac/collections/" + collection + "/items/" + id);
        assertThat(reply.status()).as(reply.text()).isEqualTo(200);
        return reply.body();
    }

    private static String url(String blobName) {
        return container.getBlobContainerUrl() + "/" + blobName;
    }

    private static void upload(String blobName, Path file) {
        container.getBlobClient(blobName).uploadFromFile(file.toString(), true);
    }

    /** A 1-band byte GeoTIFF in EPSG:32618 with a gradient, so statistics and overviews have something to show. */
    private static Path georeferenced(Path target, int width, int height) {
        Dataset ds = gdal.GetDriverByName("GTiff").Create(target.toString(), width, height, 1, gdalconstConstants.GDT_Byte);
        ds.SetGeoTransform(new double[] {500000, 30, 0, 4500000, 0, -30});
        SpatialReference srs = new SpatialReference();
        srs.ImportFromEPSG(32618);
        ds.SetProjection(srs.ExportToWkt());
        Band band = ds.GetRasterBand(1);
        byte[] row = new byte[width];
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) row[x] = (byte) ((x + y) % 251);
            band.WriteRaster(0, y, width, 1, row);
        }
        ds.delete();
        srs.delete();
        return target;
    }

    private static Path translate(Path source, Path target, String... args) {
        Dataset src = gdal.Open(source.toString());
        try {
            Dataset out = gdal.Translate(target.toString(), src, new TranslateOptions(new Vector<>(List.of(args))));
            assertThat(out).as(gdal.GetLastErrorMsg()).isNotNull();
            out.delete();
            return target;
        } finally {
            src.delete();
        }
    }

    /** id → "updated_at|content" of every item of the collection. */
    private static Map<String, String> stored(String collection) {
        return query("select id, updated_at::text || '|' || content::text from stac.items where collection = ? order by id", collection);
    }

    private static Map<String, String> contents(String collection) {
        return query("select id, content::text from stac.items where collection = ? order by id", collection);
    }

    private static Map<String, String> query(String sql, String collection) {
        Map<String, String> rows = new LinkedHashMap<>();
        for (Map<String, Object> row : TestDb.shared().rows(sql, collection)) {
            var values = row.values().iterator();
            rows.put(String.valueOf(values.next()), String.valueOf(values.next()));
        }
        return rows;
    }
}
