package io.geoetl.raster;

import static io.geoetl.raster.RasterTestSupport.completed;
import static io.geoetl.raster.RasterTestSupport.upload;
import static org.assertj.core.api.Assertions.assertThat;

import com.azure.storage.blob.BlobContainerClient;
import com.azure.storage.blob.models.ListBlobsOptions;
import com.fasterxml.jackson.databind.JsonNode;
import io.geoetl.stac.StacSchemas;
import io.geoetl.testing.Api;
import io.geoetl.testing.RunningRouter;
import io.geoetl.testing.TestDb;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** process_raster with blob_prefix: every raster under a prefix into one collection, the listing in the job's identity. */
class ProcessRasterPrefixTest {
    private static final String CONTAINER = "raster-prefix";
    private static RunningRouter router;
    private static Api api;
    private static BlobContainerClient bronze;
    private static BlobContainerClient silver;
    @TempDir
    static Path work;

    @BeforeAll
    static void start() {
        router = RunningRouter.builder().property("geoetl.work.dir", work.resolve("work").toString()).start();
        api = new Api(router.baseUrl());
        bronze = RasterTestSupport.container(CONTAINER);
        silver = RasterTestSupport.container("silver");
    }

    @AfterAll
    static void stop() {
        if (router != null) router.close();
    }

    @Test
    void everyRasterUnderThePrefixBecomesCogsAndAnItemAndTheListingIsTheJobsIdentity() {
        String prefix = unique() + "/scenes/";
        String collection = "prefix-" + unique();
        upload(bronze, prefix + "north/scene.tif", raster("north.tif", 3));
        upload(bronze, prefix + "south/scene.tif", raster("south.tif", 3));
        upload(bronze, prefix + "south/other.TIF", raster("other.tif", 3));
        upload(bronze, prefix + "south/readme.txt", work.resolve("north.tif"));
        String parameters = parameters(prefix, collection);

        Api.Reply first = api.submit("process_raster", parameters);
        assertThat(first.status()).as(first.text()).isEqualTo(201);
        String jobId = first.body().get("job_id").asText();
        JsonNode result = completed(api.waitForFinal(jobId, Duration.ofMinutes(4)));
        List<String> itemIds = new ArrayList<>();
        result.get("items").forEach(item -> itemIds.add(item.get("item_id").asText()));
        String stem = prefix.replace("/", "-");
        assertThat(itemIds).containsExactlyInAnyOrder(stem + "north-scene", stem + "south-scene", stem + "south-other");
        assertThat(silverBlobs(collection)).hasSize(6).filteredOn(name -> name.endsWith("_analysis.tif")).hasSize(3);
        assertThat(TestDb.shared().count("select count(*) from app.cog_metadata where job_id = ?", jobId)).isEqualTo(3);
        for (String itemId : itemIds) {
            Api.Reply item = api.get("/api/stac/collections/" + collection + "/items/" + itemId);
            assertThat(item.status()).as(item.text()).isEqualTo(200);
            assertThat(item.body().get("properties").get("proj:epsg").asInt()).isEqualTo(32632);
            StacSchemas.assertItem(item.body());
        }

        Api.Reply again = api.submit("process_raster", parameters);
        assertThat(again.status()).as(again.text()).isEqualTo(200);
        assertThat(again.body().get("job_id").asText()).isEqualTo(jobId);
        assertThat(again.body().get("created").asBoolean()).isFalse();
        assertThat(TestDb.shared().count("select count(*) from app.jobs where job_id = ?", jobId)).isEqualTo(1);
        assertThat(TestDb.shared().count("select count(*) from app.tasks where job_id = ?", jobId)).isEqualTo(7);

        upload(bronze, prefix + "east/scene.tiff", raster("east.tif", 3));
        Api.Reply changed = api.submit("process_raster", parameters);
        assertThat(changed.status()).as(changed.text()).isEqualTo(201);
        assertThat(changed.body().get("job_id").asText()).isNotEqualTo(jobId);
        JsonNode second = completed(api.waitForFinal(changed.body().get("job_id").asText(), Duration.ofMinutes(4)));
        assertThat(second.get("rasters").asInt()).isEqualTo(4);
        assertThat(second.get("listing_fingerprint").asText()).isNotEqualTo(result.get("listing_fingerprint").asText());
        assertThat(api.get("/api/stac/collections/" + collection + "/items").body().get("features")).hasSize(4);
        assertThat(silverBlobs(collection)).hasSize(8);

        String secondId = changed.body().get("job_id").asText();
        Api.Reply cleanup = api.post("/api/jobs/" + secondId + "/cleanup?dry_run=false", "");
        assertThat(cleanup.status()).as(cleanup.text()).isEqualTo(200);
        assertThat(silverBlobs(collection)).isEmpty();
        assertThat(api.get("/api/stac/collections/" + collection + "/items").body().get("features")).isEmpty();
        assertThat(TestDb.shared().count("select count(*) from app.cog_metadata where job_id = ?", secondId)).isZero();
    }

    @Test
    void aPrefixOfUnlikeRastersFailsNamingTheOddFilesAndWritesNothing() {
        String prefix = unique() + "/mixed/";
        String collection = "prefix-" + unique();
        upload(bronze, prefix + "a.tif", raster("a.tif", 3));
        upload(bronze, prefix + "b.tif", raster("b.tif", 3));
        upload(bronze, prefix + "c.tif", RasterTestSupport.translate(raster("c-source.tif", 3), work.resolve("c.tif"), "-a_srs", "EPSG:32633"));
        upload(bronze, prefix + "d.tif", raster("d.tif", 1));

        Api.Reply submitted = api.submit("process_raster", parameters(prefix, collection));
        assertThat(submitted.status()).as(submitted.text()).isEqualTo(201);
        JsonNode job = api.waitForFinal(submitted.body().get("job_id").asText(), Duration.ofMinutes(4));
        assertThat(job.get("status").asText()).isEqualTo("failed");
        String message = job.at("/error/message").asText();
        assertThat(message).contains(CONTAINER + "/" + prefix + "c.tif has CRS EPSG:32633 (the others EPSG:32632)")
                .contains(CONTAINER + "/" + prefix + "d.tif has 1 band(s) (the others 3)")
                .doesNotContain(prefix + "a.tif").doesNotContain(prefix + "b.tif");
        assertThat(silverBlobs(collection)).isEmpty();
        assertThat(TestDb.shared().count("select count(*) from app.cog_metadata where job_id = ?", job.get("job_id").asText())).isZero();
        assertThat(TestDb.shared().count("select count(*) from stac.items where collection = ?", collection)).isZero();
    }

    @Test
    void aPrefixWithoutRastersAndAPrefixWithABlobNameAreRefusedWith400() {
        upload(bronze, "textonly/notes.txt", raster("notes-source.tif", 1));
        Api.Reply empty = api.submit("process_raster", "{\"container\": \"" + CONTAINER + "\", \"blob_prefix\": \"nothing-here/\"}");
        assertThat(empty.status()).as(empty.text()).isEqualTo(400);
        assertThat(empty.body().get("code").asText()).isEqualTo("invalid_parameters");
        assertThat(empty.text()).contains("no raster (.tif, .tiff, .jp2, .img) under " + CONTAINER + "/nothing-here/");
        Api.Reply textOnly = api.submit("process_raster", "{\"container\": \"" + CONTAINER + "\", \"blob_prefix\": \"textonly/\"}");
        assertThat(textOnly.status()).as(textOnly.text()).isEqualTo(400);

        Api.Reply both = api.submit("process_raster", "{\"blob_name\": \"a/b.tif\", \"blob_prefix\": \"a/\", \"item_id\": \"x\"}");
        assertThat(both.status()).as(both.text()).isEqualTo(400);
        assertThat(both.body().at("/details/problems").toString()).contains("give exactly one of blob_name (one raster) and blob_prefix")
                .contains("not both").contains("item_id names one item");
        Api.Reply neither = api.submit("process_raster", "{}");
        assertThat(neither.status()).as(neither.text()).isEqualTo(400);
        assertThat(neither.text()).contains("give exactly one of blob_name (one raster) and blob_prefix");
    }

    private static Path raster(String name, int bands) {
        return GeneratedRasters.byteTiff(work.resolve(name), 300, 200, bands, true, List.of("TILED=YES"));
    }

    private static String parameters(String prefix, String collection) {
        return "{\"container\": \"" + CONTAINER + "\", \"blob_prefix\": \"" + prefix + "\", \"collection_id\": \"" + collection + "\"}";
    }

    private static List<String> silverBlobs(String collection) {
        List<String> names = new ArrayList<>();
        silver.listBlobs(new ListBlobsOptions().setPrefix("cogs/" + collection + "/"), null).forEach(blob -> names.add(blob.getName()));
        return names;
    }

    private static String unique() {
        return UUID.randomUUID().toString().substring(0, 8);
    }
}
