package io.geoetl.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.azure.storage.blob.BlobContainerClient;
import com.azure.storage.blob.BlobServiceClient;
import com.azure.core.util.BinaryData;
import com.fasterxml.jackson.databind.JsonNode;
import io.geoetl.testing.Api;
import io.geoetl.testing.RunningRouter;
import io.geoetl.testing.TestDb;
import io.geoetl.testing.TestServices;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The API the console's submit and operations pages use, over real HTTP against real PostgreSQL and
 * Azurite: checking parameters without submitting, picking a blob of the bronze container, bulk
 * retry of failed jobs, the record of janitor runs and the console's own configuration.
 */
class ConsoleBackendApiTest {
    private static final String BRONZE = "picker-" + UUID.randomUUID().toString().substring(0, 8);
    private static RunningRouter router;
    private static Api api;
    private static Api anonymous;
    private static final TestDb db = TestDb.shared();

    @BeforeAll
    static void start() {
        TestServices.get().deleteAllJobs();
        router = RunningRouter.builder().property("geoetl.worker.concurrency", "2")
                .property("geoetl.blob-drop.container", BRONZE).start();
        api = new Api(router.baseUrl());
        anonymous = Api.anonymous(router.baseUrl());
    }

    @AfterAll
    static void stop() {
        router.bean("blobServiceClient", BlobServiceClient.class).getBlobContainerClient(BRONZE).deleteIfExists();
        router.close();
    }

    @Test
    void validationAnswersWithTheNormalisedParametersAndCreatesNothing() {
        long jobsBefore = db.count("select count(*) from app.jobs");
        Api.Reply reply = anonymous.post("/api/jobs/validate/hello_world", "{\"n\": 4}");
        assertThat(reply.status()).as(reply.text()).isEqualTo(200);
        assertThat(reply.body().get("parameters").get("n").asInt()).isEqualTo(4);
        assertThat(reply.body().get("outcome").asText()).isEqualTo("create");
        String jobId = reply.body().get("job_id").asText();
        assertThat(db.count("select count(*) from app.jobs")).isEqualTo(jobsBefore);
        assertThat(api.get("/api/jobs/" + jobId).status()).isEqualTo(404);

        Api.Reply submitted = api.submit("hello_world", "{\"n\": 4}");
        assertThat(submitted.body().get("job_id").asText()).as("the id validation announced").isEqualTo(jobId);
        assertThat(anonymous.post("/api/jobs/validate/hello_world", "{\"n\": 4}").body().get("outcome").asText()).isEqualTo("existing");
    }

    @Test
    void validationListsEveryProblemUnderTheParameterItNames() {
        Api.Reply reply = anonymous.post("/api/jobs/validate/hello_world", "{\"n\": 0, \"transient_failures\": \"x\", \"colour\": 1}");
        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.body().get("code").asText()).isEqualTo("invalid_parameters");
        JsonNode byParameter = reply.body().get("details").get("by_parameter");
        assertThat(byParameter.get("n").get(0).asText()).contains("between 1 and 1000");
        assertThat(byParameter.get("transient_failures").get(0).asText()).contains("integer");
        assertThat(byParameter.get("").get(0).asText()).contains("unknown parameter colour");
        assertThat(reply.body().get("details").get("problems")).hasSize(3);
        assertThat(anonymous.post("/api/jobs/validate/no_such_type", "{}").status()).isEqualTo(404);
        assertThat(anonymous.post("/api/jobs/validate/hello_world", "[1]").body().get("code").asText()).isEqualTo("invalid_body");
    }

    @Test
    void theBlobPickerPagesThroughTheBronzeContainerOnly() {
        BlobContainerClient bronze = router.bean("blobServiceClient", BlobServiceClient.class).getBlobContainerClient(BRONZE);
        bronze.createIfNotExists();
        List<String> names = List.of("pick/a.geojson", "pick/b.geojson", "pick/c/d.tif", "other.csv");
        for (String name : names) bronze.getBlobClient(name).upload(BinaryData.fromString("x".repeat(name.length())), true);

        List<String> listed = new ArrayList<>();
        String next = "";
        int pages = 0;
        do {
            Api.Reply page = anonymous.get("/api/storage/blobs?prefix=pick/&limit=2&after=" + URLEncoder.encode(next, StandardCharsets.UTF_8));
            assertThat(page.status()).as(page.text()).isEqualTo(200);
            assertThat(page.body().get("container").asText()).isEqualTo(BRONZE);
            assertThat(page.body().get("blobs").size()).isLessThanOrEqualTo(2);
            for (JsonNode blob : page.body().get("blobs")) {
                listed.add(blob.get("name").asText());
                assertThat(blob.get("size").asLong()).isEqualTo(blob.get("name").asText().length());
                assertThat(blob.get("etag").asText()).isNotBlank().doesNotContain("\"");
                assertThat(blob.get("last_modified").asText()).isNotBlank();
            }
            next = page.body().get("next").isNull() ? null : page.body().get("next").asText();
            pages++;
        } while (next != null && pages < 10);
        assertThat(listed).containsExactly("pick/a.geojson", "pick/b.geojson", "pick/c/d.tif");
        assertThat(pages).isEqualTo(2);

        Api.Reply badPrefix = anonymous.get("/api/storage/blobs?prefix=%2Fetc");
        assertThat(badPrefix.status()).isEqualTo(400);
        assertThat(badPrefix.body().get("code").asText()).isEqualTo("invalid_query");
        assertThat(anonymous.get("/api/storage/blobs?limit=5000").status()).isEqualTo(400);
    }

    @Test
    void bulkRetryListsTheMatchingFailedJobsFirstThenRestartsThemAsTheCaller() {
        List<String> failed = new ArrayList<>();
        for (int n = 2; n <= 4; n++) {
            failed.add(api.submit("hello_world", "{\"n\": " + n + ", \"fail_permanently\": [1]}").body().get("job_id").asText());
        }
        failed.forEach(id -> assertThat(api.waitForFinal(id, Duration.ofSeconds(60)).get("status").asText()).isEqualTo("failed"));
        String error = api.get("/api/jobs/" + failed.get(0)).body().get("error").get("message").asText();

        Api.Reply dryRun = api.post("/api/jobs/retry?job_type=hello_world&error_like=" + URLEncoder.encode(error.substring(0, 12),
                StandardCharsets.UTF_8), "");
        assertThat(dryRun.status()).as(dryRun.text()).isEqualTo(200);
        assertThat(dryRun.body().get("dry_run").asBoolean()).isTrue();
        assertThat(dryRun.body().get("matching").asLong()).isEqualTo(3);
        assertThat(ids(dryRun.body().get("jobs"))).containsExactlyInAnyOrderElementsOf(failed);
        assertThat(db.count("select count(*) from app.jobs where job_id = any(?) and status = 'failed'", (Object) failed.toArray(String[]::new)))
                .as("a dry run changes nothing").isEqualTo(3);

        assertThat(api.post("/api/jobs/retry?job_type=hello_world&error_like=no%20such%20error", "").body().get("matching").asLong()).isZero();
        assertThat(anonymous.post("/api/jobs/retry?job_type=hello_world", "").status()).isEqualTo(401);
        assertThat(api.post("/api/jobs/retry", "").status()).isEqualTo(400);

        Api.Reply done = api.post("/api/jobs/retry?job_type=hello_world&limit=2&dry_run=false&error_like="
                + URLEncoder.encode(error.substring(0, 12), StandardCharsets.UTF_8), "");
        assertThat(done.status()).as(done.text()).isEqualTo(202);
        assertThat(done.body().get("retried").asInt()).isEqualTo(2);
        List<String> retried = new ArrayList<>();
        done.body().get("retried_job_ids").forEach(id -> retried.add(id.asText()));
        assertThat(failed).containsAll(retried);
        for (String id : retried) {
            assertThat(db.count("select count(*) from app.job_events where job_id = ? and task_id is null and actor = 'api:tests' "
                    + "and reason like 'bulk retry requested%'", id)).as("the retry event of " + id).isEqualTo(1);
        }
    }

    @Test
    void everyJanitorSweepIsRecordedWithWhoAskedForIt() {
        Api.Reply sweep = api.post("/api/dbadmin/janitor/run", "");
        assertThat(sweep.status()).isEqualTo(200);
        Api.Reply runs = anonymous.get("/api/dbadmin/janitor/runs?limit=1");
        assertThat(runs.status()).isEqualTo(200);
        JsonNode newest = runs.body().get("runs").get(0);
        assertThat(newest.get("actor").asText()).isEqualTo("api:tests");
        assertThat(newest.get("action_count").asInt()).isEqualTo(sweep.body().get("actions").size());
        assertThat(newest.get("worker").asText()).isNotBlank();
        assertThat(newest.get("duration_ms").asLong()).isGreaterThanOrEqualTo(0);
        assertThat(db.count("select count(*) from app.janitor_runs where run_id = ?", newest.get("run_id").asLong())).isEqualTo(1);
        assertThat(runs.body().get("next").asText()).isEqualTo(newest.get("run_id").asText());
    }

    @Test
    void theConsoleConfigurationSaysHowWritesAuthenticate() {
        Api.Reply reply = anonymous.get("/api/console/config");
        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.body().get("auth").get("mode").asText()).isEqualTo("api-key");
        assertThat(reply.body().get("auth").has("entra")).isFalse();
        assertThat(reply.body().get("basemap_url").asText()).isEmpty();
    }

    @Test
    void pagesTheRouterServesItselfMayWriteAndPagesFromAnotherOriginMayNot() {
        String own = router.baseUrl().replaceFirst("/$", "");
        Api fromConsole = Api.withHeaders(router.baseUrl(), Map.of("X-API-Key", Api.TEST_API_KEY, "Origin", own));
        assertThat(fromConsole.post("/api/dbadmin/janitor/run", "").status()).isEqualTo(200);
        Api fromElsewhere = Api.withHeaders(router.baseUrl(), Map.of("X-API-Key", Api.TEST_API_KEY, "Origin",
                own.replaceFirst(":(\\d+)$", ":1")));
        Api.Reply refused = fromElsewhere.post("/api/dbadmin/janitor/run", "");
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.body().get("code").asText()).isEqualTo("origin_not_allowed");
    }

    private static List<String> ids(JsonNode jobs) {
        List<String> ids = new ArrayList<>();
        jobs.forEach(job -> ids.add(job.get("job_id").asText()));
        return ids;
    }
}
