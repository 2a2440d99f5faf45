package io.geoetl.vector;

import static io.geoetl.vector.VectorTestSupport.completed;
import static io.geoetl.vector.VectorTestSupport.count;
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
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** POST /api/jobs/{id}/cleanup on an ingest: lists its table and catalog row, then removes exactly those. */
class VectorCleanupTest {
    private static final String CONTAINER = "vector-cleanup";
    private static final String SUFFIX = UUID.randomUUID().toString().replace("-", "").substring(0, 8);
    private static final String KEPT = "kept_" + SUFFIX;
    private static final String CLEANED = "cleaned_" + SUFFIX;
    private static final String RACED = "raced_" + SUFFIX;
    private static RunningRouter router;
    private static Api api;
    private static BlobContainerClient blobs;
    @TempDir
    static Path work;

    @BeforeAll
    static void start() {
        TestServices.get().deleteAllJobs();
        router = RunningRouter.builder().property("geoetl.work.dir", work.toString()).start();
        api = new Api(router.baseUrl());
        blobs = VectorTestSupport.container(CONTAINER);
    }

    @AfterAll
    static void stop() {
        router.close();
        for (String table : new String[] {KEPT, CLEANED, RACED, KEPT + "_x"}) {
            VectorTestSupport.execute("drop table if exists geo." + table);
            VectorTestSupport.execute("delete from geo.table_catalog where schema_name = 'geo' and table_name = '" + table + "'");
        }
    }

    @Test
    void aDryRunListsTheTableAndItsCatalogRowThenARealRunRemovesExactlyThose() {
        String kept = ingestPoints(KEPT, 2);
        String cleaned = ingestPoints(CLEANED, 3);

        JsonNode dry = api.post("/api/jobs/" + cleaned + "/cleanup", "").body();

        assertThat(dry.get("dry_run").asBoolean()).isTrue();
        assertThat(dry.get("outputs")).extracting(o -> o.get("kind").asText() + " " + o.get("location").asText() + " " + o.get("exists").asBoolean())
                .containsExactly("table geo." + CLEANED + " true", "stac_item stac vector-datasets/geo." + CLEANED + " true",
                        "rows geo.table_catalog where job_id = '" + cleaned + "' true");
        assertThat(dry.get("outputs").get(2).get("rows").asInt()).isEqualTo(1);
        assertThat(tableExists("geo", CLEANED)).isTrue();

        Api.Reply real = api.post("/api/jobs/" + cleaned + "/cleanup?dry_run=false", "");

        assertThat(real.status()).as(real.text()).isEqualTo(200);
        assertThat(real.body().get("outputs")).extracting(o -> o.get("deleted").asInt()).containsExactly(1, 1, 1);
        assertThat(api.get("/api/stac/collections/vector-datasets/items/geo." + CLEANED).status()).isEqualTo(404);
        assertThat(api.get("/api/stac/collections/vector-datasets/items/geo." + KEPT).status()).isEqualTo(200);
        assertThat(tableExists("geo", CLEANED)).isFalse();
        assertThat(count("select count(*) from geo.table_catalog where job_id = ?", cleaned)).isZero();
        // the other ingest keeps its table and catalog row
        assertThat(count("select count(*) from geo." + KEPT)).isEqualTo(2);
        assertThat(count("select count(*) from geo.table_catalog where job_id = ? and table_name = ?", kept, KEPT)).isEqualTo(1);
        // a second cleanup finds nothing left
        JsonNode again = api.post("/api/jobs/" + cleaned + "/cleanup", "").body();
        assertThat(again.get("outputs")).extracting(o -> o.get("exists").asBoolean()).containsExactly(false);
    }

    @Test
    void aTableAnotherJobPublishesWhileCleanupRunsIsNotDropped() throws Exception {
        String raced = ingestPoints(RACED, 2);
        String overwriter = ingestPoints(KEPT + "_x", 1); // any other job id; its own table is not involved
        VectorTestSupport.execute("drop table if exists geo." + KEPT + "_x");

        // an overwrite being published by another job: it holds the publish lock and has moved the catalog row
        try (Connection publisher = TestServices.get().connect()) {
            publisher.setAutoCommit(false);
            try (PreparedStatement lock = publisher.prepareStatement("select pg_advisory_xact_lock(hashtextextended(?, 0))");
                 PreparedStatement move = publisher.prepareStatement(
                         "update geo.table_catalog set job_id = ? where schema_name = 'geo' and table_name = ?")) {
                lock.setString(1, "vector-table:geo." + RACED);
                lock.execute();
                move.setString(1, overwriter);
                move.setString(2, RACED);
                assertThat(move.executeUpdate()).isEqualTo(1);
            }
            CompletableFuture<Api.Reply> cleanup = CompletableFuture.supplyAsync(
                    () -> api.post("/api/jobs/" + raced + "/cleanup?dry_run=false", ""));
            // cleanup listed the table while the catalog still named its job; now it must wait for the publisher
            boolean waiting = waitForAdvisoryLockWaiter(Duration.ofSeconds(60));
            publisher.commit();
            Api.Reply reply = cleanup.get(120, TimeUnit.SECONDS);

            assertThat(reply.status()).as(reply.text()).isEqualTo(200);
            assertThat(tableExists("geo", RACED)).as("the table the other job published is still there").isTrue();
            assertThat(reply.body().get("outputs").get(0).get("location").asText()).isEqualTo("geo." + RACED);
            assertThat(reply.body().get("outputs").get(0).get("deleted").asInt()).isZero();
            assertThat(waiting).as("cleanup waited for the publish lock").isTrue();
        }
    }

    /** True once some session waits for an advisory lock (cleanup blocked behind the publisher). */
    private static boolean waitForAdvisoryLockWaiter(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (count("select count(*) from pg_locks where locktype = 'advisory' and not granted") > 0) return true;
            Thread.sleep(100);
        }
        return false;
    }

    private static String ingestPoints(String table, int points) {
        StringBuilder features = new StringBuilder();
        for (int i = 0; i < points; i++) {
            if (i > 0) features.append(',');
            features.append("{\"type\": \"Feature\", \"properties\": {\"n\": ").append(i)
                    .append("}, \"geometry\": {\"type\": \"Point\", \"coordinates\": [").append(i).append(", 1]}}");
        }
        String blob = table + ".geojson";
        upload(blobs, blob, ("{\"type\": \"FeatureCollection\", \"features\": [" + features + "]}").getBytes(StandardCharsets.UTF_8));
        JsonNode job = ingest(api, "{\"container\": \"" + CONTAINER + "\", \"blob_name\": \"" + blob + "\"}");
        JsonNode result = completed(job);
        assertThat(result.get("tables")).extracting(JsonNode::asText).containsExactly(table);
        return job.get("job_id").asText();
    }
}
