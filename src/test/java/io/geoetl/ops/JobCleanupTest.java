package io.geoetl.ops;

import static org.assertj.core.api.Assertions.assertThat;

import com.azure.core.util.BinaryData;
import com.azure.storage.blob.BlobContainerClient;
import com.azure.storage.blob.BlobServiceClientBuilder;
import com.fasterxml.jackson.databind.JsonNode;
import io.geoetl.testing.Api;
import io.geoetl.testing.LedgerJobType;
import io.geoetl.testing.RunningRouter;
import io.geoetl.testing.TestDb;
import io.geoetl.testing.TestServices;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Cleanup lists what a job produced (blobs, tables) and deletes exactly that, and nothing else. */
class JobCleanupTest {
    private static final String CONTAINER = "cleanup-test";
    private static final TestDb db = TestDb.shared();
    private static final String suffix = UUID.randomUUID().toString().substring(0, 8);
    private static RunningRouter router;
    private static Api api;
    private static BlobContainerClient container;

    @BeforeAll
    static void start() {
        TestServices.get().deleteAllJobs();
        router = RunningRouter.builder()
                .property("geoetl.worker.shutdown-grace", "PT1S")
                .jobTypes(r -> r.register(new LedgerJobType(db, TestServices.get().storageConnectionString, "cleanup-router")))
                .start();
        api = new Api(router.baseUrl());
        container = new BlobServiceClientBuilder().connectionString(TestServices.get().storageConnectionString).buildClient()
                .getBlobContainerClient(CONTAINER);
        container.createIfNotExists();
    }

    @AfterAll
    static void stop() {
        router.close();
        for (String table : new String[] {"a_" + suffix, "a_" + suffix + "_runs", "b_" + suffix, "b_" + suffix + "_runs", "c_" + suffix, "c_" + suffix + "_runs"}) {
            db.exec("drop table if exists geo." + table);
        }
    }

    @Test
    void aDryRunListsEveryOutputAndDeletesNothingThenARealRunDeletesExactlyThat() {
        String a = ledgerJob("a_" + suffix, 3);
        String b = ledgerJob("b_" + suffix, 2);
        // shares the job id as a name prefix, but is not under the job's folder
        container.getBlobClient(a + ".keep").upload(BinaryData.fromString("not the job's"), true);

        JsonNode dry = api.post("/api/jobs/" + a + "/cleanup", "").body();

        assertThat(dry.get("dry_run").asBoolean()).isTrue();
        assertThat(dry.get("outputs")).extracting(o -> o.get("kind").asText() + " " + o.get("location").asText() + " " + o.get("exists").asBoolean())
                .containsExactly("table geo.a_" + suffix + " true", "table geo.a_" + suffix + "_runs true",
                        "blob_prefix " + CONTAINER + "/" + a + "/ true");
        assertThat(dry.get("outputs").get(2).get("blobs").asInt()).isEqualTo(3);
        assertThat(dry.get("outputs").get(2).get("sample")).extracting(JsonNode::asText)
                .containsExactlyInAnyOrder(a + "/task-0.txt", a + "/task-1.txt", a + "/task-2.txt");
        assertThat(dry.get("outputs")).allSatisfy(o -> assertThat(o.get("deleted").asInt()).isZero());
        assertThat(tableExists("a_" + suffix)).isTrue();
        assertThat(blobsUnder(a + "/")).isEqualTo(3);

        Api.Reply real = api.post("/api/jobs/" + a + "/cleanup?dry_run=false", "");

        assertThat(real.status()).isEqualTo(200);
        assertThat(real.body().get("outputs")).extracting(o -> o.get("deleted").asInt()).containsExactly(1, 1, 3);
        assertThat(tableExists("a_" + suffix)).isFalse();
        assertThat(tableExists("a_" + suffix + "_runs")).isFalse();
        assertThat(blobsUnder(a + "/")).isZero();
        // nothing else: the other job's table and blobs, the look-alike blob, the job and its history
        assertThat(tableExists("b_" + suffix)).isTrue();
        assertThat(db.count("select count(*) from geo.b_" + suffix)).isEqualTo(2);
        assertThat(blobsUnder(b + "/")).isEqualTo(2);
        assertThat(container.getBlobClient(a + ".keep").exists()).isTrue();
        assertThat(api.get("/api/jobs/" + a).body().get("status").asText()).isEqualTo("completed");
        assertThat(db.column("select actor || ': ' || reason from app.job_events where job_id = ? and to_status = 'cleanup'", a))
                .singleElement().asString().startsWith("api:tests: cleanup deleted table geo.a_" + suffix);

        JsonNode again = api.post("/api/jobs/" + a + "/cleanup?dry_run=false", "").body();
        assertThat(again.get("outputs")).allSatisfy(o -> {
            assertThat(o.get("exists").asBoolean()).isFalse();
            assertThat(o.get("deleted").asInt()).isZero();
        });
    }

    @Test
    void aJobTypeWithoutOutputsHasNothingToClean() {
        String jobId = api.submit("hello_world", "{\"n\": 1, \"fail_transiently\": []}").body().get("job_id").asText();
        api.waitForFinal(jobId, Duration.ofSeconds(30));

        JsonNode reply = api.post("/api/jobs/" + jobId + "/cleanup?dry_run=false", "").body();

        assertThat(reply.get("outputs")).isEmpty();
    }

    @Test
    void cleanupOfARunningJobIsRefused() {
        Api.Reply submitted = api.submit("ledger", "{\"n\": 1, \"table\": \"c_" + suffix + "\", \"container\": \"" + CONTAINER
                + "\", \"sleep_ms\": 3000, \"label\": \"running\"}");
        String jobId = submitted.body().get("job_id").asText();

        Api.Reply reply = api.post("/api/jobs/" + jobId + "/cleanup?dry_run=false", "");

        assertThat(reply.status()).isEqualTo(409);
        assertThat(reply.body().get("code").asText()).isEqualTo("job_running");
        assertThat(api.waitForFinal(jobId, Duration.ofSeconds(30)).get("status").asText()).isEqualTo("completed");
    }

    @Test
    void badRequestsGetJsonErrors() {
        assertThat(api.post("/api/jobs/" + "a".repeat(64) + "/cleanup", "").status()).isEqualTo(404);
        String jobId = ledgerJob("c_" + suffix, 1);
        Api.Reply reply = api.post("/api/jobs/" + jobId + "/cleanup?dry_run=perhaps", "");
        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.body().get("message").asText()).contains("dry_run must be true or false");
    }

    private static String ledgerJob(String table, int n) {
        Api.Reply submitted = api.submit("ledger", "{\"n\": " + n + ", \"table\": \"" + table + "\", \"container\": \"" + CONTAINER
                + "\", \"label\": \"" + UUID.randomUUID() + "\"}");
        assertThat(submitted.status()).as(submitted.text()).isEqualTo(201);
        String jobId = submitted.body().get("job_id").asText();
        assertThat(api.waitForFinal(jobId, Duration.ofSeconds(60)).get("status").asText()).isEqualTo("completed");
        return jobId;
    }

    private static boolean tableExists(String table) {
        return db.scalar("select to_regclass(?)::text", "geo." + table) != null;
    }

    private static long blobsUnder(String prefix) {
        return container.listBlobsByHierarchy(prefix).stream().count();
    }
}
