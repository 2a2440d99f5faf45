package io.geoetl.promote;

import static io.geoetl.promote.PromotionTestSupport.production;
import static io.geoetl.promote.PromotionTestSupport.staging;
import static org.assertj.core.api.Assertions.assertThat;

import com.azure.core.util.BinaryData;
import com.azure.storage.blob.BlobContainerClient;
import com.azure.storage.blob.BlobServiceClientBuilder;
import com.azure.storage.blob.options.BlobParallelUploadOptions;
import com.fasterxml.jackson.databind.JsonNode;
import io.geoetl.testing.Api;
import io.geoetl.testing.DroppedJobs;
import io.geoetl.testing.RunningRouter;
import io.geoetl.testing.TestServices;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Lineage through the API for a table that went blob → ingest_vector (real GDAL, real blob-drop
 * poll) → promote_data into production: GET /api/lineage on the production table answers the
 * promotion, the staging table, the ingest job and the blob with its ETag and arrival time.
 */
class PromotionLineageTest {
    private static final Duration WAIT = Duration.ofMinutes(2);
    private static final String SUFFIX = UUID.randomUUID().toString().replace("-", "").substring(0, 8);
    private static final String CONTAINER = "lineage-" + SUFFIX;
    @TempDir
    static Path work;
    private static BlobContainerClient bronze;
    private static RunningRouter router;
    private static Api api;

    @BeforeAll
    static void start() {
        bronze = new BlobServiceClientBuilder().connectionString(TestServices.get().storageConnectionString).buildClient()
                .getBlobContainerClient(CONTAINER);
        router = PromotionTestSupport.router()
                .property("geoetl.blob-drop.container", CONTAINER)
                .property("geoetl.blob-drop.poll.enabled", "true")
                .property("geoetl.blob-drop.poll.period", "300")
                .property("geoetl.vector.work-dir", work.toString())
                .start();
        api = new Api(router.baseUrl());
    }

    @AfterAll
    static void stop() {
        router.close();
        bronze.deleteIfExists();
        staging().exec("drop table if exists geo.wells_" + SUFFIX);
        production().exec("drop table if exists prod.wells_" + SUFFIX);
    }

    @Test
    void aPromotedTableLeadsBackToItsBlob() {
        String blob = "wells_" + SUFFIX + ".geojson";
        String etag = DroppedJobs.unquote(bronze.getBlobClient(blob).uploadWithResponse(
                new BlobParallelUploadOptions(BinaryData.fromString(points(4))), null, null).getValue().getETag());
        String ingestJob = DroppedJobs.await(CONTAINER + "/" + blob, etag, WAIT);
        assertThat(api.waitForFinal(ingestJob, WAIT).path("status").asText()).isEqualTo("completed");

        String staged = "geo.wells_" + SUFFIX;
        String target = "prod.wells_" + SUFFIX;
        Api.Reply submitted = api.submit("promote_data", "{\"source\": \"" + staged + "\", \"target\": \"" + target + "\"}");
        assertThat(submitted.status()).as(submitted.text()).isEqualTo(201);
        String promotion = submitted.body().path("job_id").asText();
        assertThat(api.waitForFinal(promotion, WAIT).path("status").asText()).isEqualTo("completed");
        assertThat(production().count("select count(*) from " + target)).isEqualTo(4);

        Api.Reply lineage = api.get("/api/lineage?table=" + target);
        assertThat(lineage.status()).as(lineage.text()).isEqualTo(200);
        JsonNode body = lineage.body();
        assertThat(body.path("promotions")).hasSize(1);
        assertThat(body.path("promotions").get(0).path("job_id").asText()).isEqualTo(promotion);
        assertThat(body.path("promotions").get(0).path("source_version").asText()).isEqualTo(ingestJob);
        assertThat(body.path("staging_table").path("table").asText()).isEqualTo(staged);
        assertThat(body.path("staging_table").path("feature_count").asLong()).isEqualTo(4);
        assertThat(body.path("ingest_job").path("job_id").asText()).isEqualTo(ingestJob);
        assertThat(body.path("ingest_job").path("job_type").asText()).isEqualTo("ingest_vector");
        assertThat(body.path("source_blob").path("container").asText()).isEqualTo(CONTAINER);
        assertThat(body.path("source_blob").path("blob_name").asText()).isEqualTo(blob);
        assertThat(body.path("source_blob").path("etag").asText()).isEqualTo(etag);
        assertThat(body.path("source_blob").path("trigger").asText()).isEqualTo("poll");
        assertThat(body.path("source_blob").path("arrived_at").asText()).isNotBlank();

        JsonNode fromStaging = api.get("/api/lineage?table=" + staged).body();
        assertThat(fromStaging.path("promotions").get(0).path("target").asText()).isEqualTo(target);
        assertThat(fromStaging.path("ingest_job").path("job_id").asText()).isEqualTo(ingestJob);
        assertThat(fromStaging.path("source_blob").path("etag").asText()).isEqualTo(etag);

        // the same chains through the STAC items: the staging item ingest_vector wrote, the production item the promotion published
        assertThat(api.get("/api/promotions/" + promotion).body().path("stac_item").asText()).isEqualTo("vector-datasets/" + target);
        assertSameChain("vector-datasets/" + staged, fromStaging);
        assertSameChain("vector-datasets/" + target, body);
    }

    @Test
    void anUnknownItemIs404AndAMalformedOne400() {
        Api.Reply unknown = api.get("/api/lineage?stac=vector-datasets/geo.nothing_" + SUFFIX);
        assertThat(unknown.status()).as(unknown.text()).isEqualTo(404);
        assertThat(unknown.body().path("code").asText()).isEqualTo("lineage_not_found");
        for (String malformed : new String[] {"vector-datasets", "/geo.x", "vector-datasets/", "a/b/c", "vector-datasets/geo.x%27%3Bdrop%20table%20stac.items"}) {
            Api.Reply reply = api.get("/api/lineage?stac=" + malformed);
            assertThat(reply.status()).as(malformed + ": " + reply.text()).isEqualTo(400);
            assertThat(reply.body().path("code").asText()).isEqualTo("invalid_query");
        }
        Api.Reply both = api.get("/api/lineage?table=geo.x&stac=vector-datasets/geo.x");
        assertThat(both.status()).as(both.text()).isEqualTo(400);
    }

    /** GET /api/lineage?stac=… answers {@code byTable}, the chain of the item's table, and names the item. */
    private static void assertSameChain(String item, JsonNode byTable) {
        Api.Reply reply = api.get("/api/lineage?stac=" + item);
        assertThat(reply.status()).as(reply.text()).isEqualTo(200);
        com.fasterxml.jackson.databind.node.ObjectNode byItem = (com.fasterxml.jackson.databind.node.ObjectNode) reply.body();
        assertThat(byItem.remove("stac_item").asText()).isEqualTo(item);
        assertThat(byItem).isEqualTo(byTable);
    }

    private static String points(int n) {
        StringBuilder features = new StringBuilder();
        for (int i = 0; i < n; i++) {
            if (i > 0) features.append(',');
            features.append("{\"type\": \"Feature\", \"properties\": {\"depth\": ").append(10 * i)
                    .append("}, \"geometry\": {\"type\": \"Point\", \"coordinates\": [").append(i).append(", 50]}}");
        }
        return "{\"type\": \"FeatureCollection\", \"features\": [" + features + "]}";
    }
}
