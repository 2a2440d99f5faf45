package io.geoetl.promote;

import static io.geoetl.promote.PromotionTestSupport.production;
import static io.geoetl.promote.PromotionTestSupport.staging;
import static org.assertj.core.api.Assertions.assertThat;

import com.azure.core.util.BinaryData;
import com.azure.storage.blob.BlobContainerClient;
import com.azure.storage.blob.BlobServiceClientBuilder;
import com.fasterxml.jackson.databind.JsonNode;
import io.geoetl.jobs.Json;
import io.geoetl.stac.StacSchemas;
import io.geoetl.testing.Api;
import io.geoetl.testing.RunningRouter;
import io.geoetl.testing.ServiceAddresses;
import io.geoetl.testing.TestServices;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The STAC item ingest_vector wrote for a staging table goes along with its promotion: written in
 * production's STAC schema with the table, naming and linking the production table, recorded in
 * the audit row, and served by a router pointed at production. Two real databases, real ingest.
 */
class PromotionStacItemTest {
    private static final Duration WAIT = Duration.ofMinutes(2);
    private static final String COLLECTION = "vector-datasets";
    private static final String PRODUCTION_URL = "https://production.example/geoetl";
    private static final String SUFFIX = UUID.randomUUID().toString().replace("-", "").substring(0, 8);
    private static final String CONTAINER = "promote-stac-" + SUFFIX;
    private static final String STAGED = "geo.parks_" + SUFFIX;
    // production has its own geo schema; the Features API names a geo table by its table alone
    private static final String TARGET = "geo.parks_" + SUFFIX;
    private static final String TARGET_FEATURES = "parks_" + SUFFIX;
    private static final String APPENDED = "prod.parks_more_" + SUFFIX;
    private static final String PLAIN = "geo.plain_" + SUFFIX;
    private static final String MORE = "geo.more_" + SUFFIX;
    @TempDir
    static Path work;
    private static RunningRouter router;
    private static RunningRouter productionRouter;
    private static Api api;
    private static String ingestJob;

    @BeforeAll
    static void start() {
        router = PromotionTestSupport.router().property("geoetl.vector.work-dir", work.toString())
                .property("geoetl.promote.production-base-url", PRODUCTION_URL + "/").start();
        api = new Api(router.baseUrl());
        BlobContainerClient blobs = new BlobServiceClientBuilder().connectionString(TestServices.get().storageConnectionString)
                .buildClient().getBlobContainerClient(CONTAINER);
        blobs.createIfNotExists();
        blobs.getBlobClient("parks_" + SUFFIX + ".geojson").upload(BinaryData.fromString(points(4)), true);
        Api.Reply submitted = api.submit("ingest_vector", "{\"container\": \"" + CONTAINER + "\", \"blob_name\": \"parks_" + SUFFIX + ".geojson\"}");
        assertThat(submitted.status()).as(submitted.text()).isEqualTo(201);
        ingestJob = submitted.body().path("job_id").asText();
        assertThat(api.waitForFinal(ingestJob, WAIT).path("status").asText()).isEqualTo("completed");
        blobs.deleteIfExists();
    }

    @AfterAll
    static void stop() {
        router.close();
        if (productionRouter != null) productionRouter.close();
        for (String table : new String[] {STAGED, PLAIN, MORE}) {
            staging().exec("drop table if exists " + table);
            staging().exec("delete from stac.items where collection = ? and id = ?", COLLECTION, table);
        }
        for (String table : new String[] {TARGET, APPENDED}) {
            production().exec("drop table if exists " + table);
            production().exec("delete from stac.items where collection = ? and id = ?", COLLECTION, table);
        }
    }

    @Test
    void theItemGoesAlongPointsAtProductionAndIsServedThere() {
        String promotion = promote(STAGED, TARGET, "replace", null);

        JsonNode item = productionItem(TARGET);
        assertThat(item.path("id").asText()).isEqualTo(TARGET);
        assertThat(item.path("collection").asText()).isEqualTo(COLLECTION);
        JsonNode properties = item.path("properties");
        assertThat(properties.path("geoetl:table").asText()).isEqualTo(TARGET);
        assertThat(properties.path("table:row_count").asLong()).isEqualTo(4);
        assertThat(properties.path("geoetl:job_id").asText()).isEqualTo(ingestJob);
        assertThat(properties.path("geoetl:promoted_from").asText()).isEqualTo(STAGED);
        assertThat(properties.path("geoetl:promotion_job_id").asText()).isEqualTo(promotion);
        assertThat(item.path("assets").path("features").path("href").asText())
                .isEqualTo(PRODUCTION_URL + "/api/features/collections/" + TARGET_FEATURES);
        assertThat(item.path("assets").path("items").path("href").asText())
                .isEqualTo(PRODUCTION_URL + "/api/features/collections/" + TARGET_FEATURES + "/items");
        assertThat(production().count("select count(*) from stac.items where collection = ? and id = ? and job_id = ?",
                COLLECTION, TARGET, promotion)).isEqualTo(1);
        assertThat(api.get("/api/promotions/" + promotion).body().path("stac_item").asText()).isEqualTo(COLLECTION + "/" + TARGET);
        // the staging item is left as it was
        JsonNode stagingItem = Json.parse((String) staging().scalar("select content::text from stac.items where collection = ? and id = ?",
                COLLECTION, STAGED));
        assertThat(stagingItem.path("properties").path("geoetl:table").asText()).isEqualTo(STAGED);

        productionRouter = RunningRouter.builder()
                .services(new ServiceAddresses(PromotionTestSupport.productionUrl(), TestServices.get().dbUser, TestServices.get().dbPassword,
                        TestServices.get().storageConnectionString, "devstoreaccount1"))
                .property("geoetl.production-db.url", "").start();
        Api.Reply served = new Api(productionRouter.baseUrl()).get("/api/stac/collections/" + COLLECTION + "/items/" + TARGET);
        assertThat(served.status()).as(served.text()).isEqualTo(200);
        assertThat(served.body().path("properties").path("geoetl:table").asText()).isEqualTo(TARGET);
        assertThat(served.body().path("assets").path("features").path("href").asText()).startsWith(PRODUCTION_URL);

        // promoted again (a new version of the source, same content): the same single item
        String again = promote(STAGED, TARGET, "replace", "fingerprint:" + "a".repeat(32));
        JsonNode rewritten = productionItem(TARGET);
        ((com.fasterxml.jackson.databind.node.ObjectNode) rewritten.path("properties")).put("geoetl:promotion_job_id", promotion);
        assertThat(rewritten).isEqualTo(item);
        assertThat(production().count("select count(*) from stac.items where id = ?", TARGET)).isEqualTo(1);
        assertThat(productionItem(TARGET).path("properties").path("geoetl:promotion_job_id").asText()).isEqualTo(again);

        // replaced by a table that has no item: the target's item goes too
        PromotionTestSupport.createSourceTable("geo", "plain_" + SUFFIX, 10);
        String replaced = promote(PLAIN, TARGET, "replace", null);
        assertThat(production().count("select count(*) from stac.items where collection = ? and id = ?", COLLECTION, TARGET)).isZero();
        assertThat(api.get("/api/promotions/" + replaced).body().path("stac_item").isNull()).isTrue();
        // last: skipped where the STAC schemas are not at hand
        StacSchemas.assertItem(served.body());
    }

    @Test
    void anAppendCountsEveryRowOfTheTarget() {
        promote(STAGED, APPENDED, "append", null);
        assertThat(productionItem(APPENDED).path("properties").path("table:row_count").asLong()).isEqualTo(4);
        // a second load of the same shape (other ids, moved east) with its own item
        staging().exec("create table " + MORE + " (like " + STAGED + " including all)");
        staging().exec("insert into " + MORE + " select * from " + STAGED);
        staging().exec("update " + MORE + " set id = id + 100, geom = st_translate(geom, 10, 0)");
        staging().exec("insert into stac.items (collection, id, geometry, datetime, start_datetime, end_datetime, properties, content, job_id) "
                + "select collection, ?, st_translate(geometry, 10, 0), datetime, start_datetime, end_datetime, properties, "
                + "jsonb_set(content, '{bbox}', jsonb_build_array(18, 46, 21, 46)), job_id from stac.items where collection = ? and id = ?",
                MORE, COLLECTION, STAGED);
        String second = promote(MORE, APPENDED, "append", null);
        JsonNode item = productionItem(APPENDED);
        assertThat(item.path("properties").path("table:row_count").asLong()).isEqualTo(8);
        assertThat(item.path("properties").path("geoetl:promotion_job_id").asText()).isEqualTo(second);
        assertThat(production().count("select count(*) from " + APPENDED)).isEqualTo(8);
        assertThat(item.path("bbox").toString()).isEqualTo("[8.0,46.0,21.0,46.0]");
        assertThat(item.path("geometry").path("type").asText()).isEqualTo("LineString");
    }

    private static String promote(String source, String target, String mode, String version) {
        String body = "{\"source\": \"" + source + "\", \"target\": \"" + target + "\", \"mode\": \"" + mode + "\""
                + (version == null ? "" : ", \"source_version\": \"" + version + "\"") + "}";
        Api.Reply submitted = api.submit("promote_data", body);
        assertThat(submitted.status()).as(submitted.text()).isEqualTo(201);
        String jobId = submitted.body().path("job_id").asText();
        JsonNode job = api.waitForFinal(jobId, WAIT);
        assertThat(job.path("status").asText()).as(job.toPrettyString()).isEqualTo("completed");
        return jobId;
    }

    private static JsonNode productionItem(String id) {
        Object content = production().scalar("select content::text from stac.items where collection = ? and id = ?", COLLECTION, id);
        assertThat(content).as("production item " + id).isNotNull();
        return Json.parse((String) content);
    }

    private static String points(int n) {
        StringBuilder features = new StringBuilder();
        for (int i = 0; i < n; i++) {
            if (i > 0) features.append(',');
            features.append("{\"type\": \"Feature\", \"properties\": {\"name\": \"p").append(i)
                    .append("\"}, \"geometry\": {\"type\": \"Point\", \"coordinates\": [").append(8 + i).append(", 46]}}");
        }
        return "{\"type\": \"FeatureCollection\", \"features\": [" + features + "]}";
    }
}
