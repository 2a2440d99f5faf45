package io.geoetl.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.geoetl.jobs.JobIds;
import io.geoetl.testing.Api;
import io.geoetl.testing.RunningRouter;
import io.geoetl.testing.TestDb;
import io.geoetl.testing.TestServices;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** What the history endpoints show: who did what (the caller, not the router), events past 2^31, tasks page by page. */
class JobHistoryApiTest {
    private static final TestDb db = TestDb.shared();
    private static final Duration WAIT = Duration.ofSeconds(120);
    private static RunningRouter router;
    private static Api api;

    @BeforeAll
    static void start() {
        TestServices.get().deleteAllJobs();
        router = RunningRouter.builder().property("geoetl.tasks.max-attempts", "1").start();
        api = new Api(router.baseUrl());
    }

    @AfterAll
    static void stop() {
        router.close();
    }

    @Test
    void submitRetryAndCleanupRecordTheCallerAsActor() {
        String jobId = api.submit("hello_world", "{\"n\": 2, \"fail_permanently\": [1]}").body().get("job_id").asText();
        assertThat(api.waitForFinal(jobId, WAIT).get("status").asText()).isEqualTo("failed");
        assertThat(api.post("/api/jobs/" + jobId + "/retry", "").status()).isEqualTo(202);
        api.waitForFinal(jobId, WAIT);
        assertThat(api.post("/api/jobs/" + jobId + "/cleanup?dry_run=false", "").status()).isEqualTo(200);

        String caller = "api:tests"; // the name of Api.TEST_API_KEY in geoetl.auth.api-key
        assertThat(db.column("select actor from app.job_events where job_id = ? and task_id is null and to_status = 'queued'", jobId))
                .containsExactly(caller);
        assertThat(db.column("select actor from app.job_events where job_id = ? and reason like 'retry requested%'", jobId))
                .isNotEmpty().containsOnly(caller);
        assertThat(db.column("select actor from app.job_events where job_id = ? and to_status = 'cleanup'", jobId))
                .containsExactly(caller);
    }

    @Test
    void eventIdsBeyondTheIntRangeCanBePagedWith() {
        db.scalar("select setval('app.job_events_event_id_seq', greatest(5000000000, (select last_value from app.job_events_event_id_seq)))");
        String jobId = api.submit("hello_world", "{\"n\": 3}").body().get("job_id").asText();
        api.waitForFinal(jobId, WAIT);

        JsonNode all = api.get("/api/jobs/" + jobId + "/events").body().get("events");
        long first = all.get(0).get("event_id").asLong();
        assertThat(first).isGreaterThan(Integer.MAX_VALUE);
        Api.Reply after = api.get("/api/jobs/" + jobId + "/events?after=" + first);
        assertThat(after.status()).isEqualTo(200);
        assertThat(after.body().get("events")).hasSize(all.size() - 1);
        assertThat(after.body().get("events").get(0).get("event_id").asLong()).isEqualTo(all.get(1).get("event_id").asLong());
    }

    @Test
    void tasksArePagedLikeTheJobList() {
        String jobId = api.submit("hello_world", "{\"n\": 4}").body().get("job_id").asText();
        api.waitForFinal(jobId, WAIT);

        List<String> seen = new ArrayList<>();
        for (int offset = 0; offset < 8; offset += 3) {
            Api.Reply page = api.get("/api/jobs/" + jobId + "/tasks?limit=3&offset=" + offset);
            assertThat(page.status()).isEqualTo(200);
            assertThat(page.body().get("total").asInt()).isEqualTo(8);
            assertThat(page.body().get("limit").asInt()).isEqualTo(3);
            assertThat(page.body().get("offset").asInt()).isEqualTo(offset);
            page.body().get("tasks").forEach(task -> seen.add(task.get("task_id").asText()));
        }
        List<String> expected = new ArrayList<>();
        for (int stage = 1; stage <= 2; stage++) {
            for (int index = 0; index < 4; index++) expected.add(JobIds.taskId(jobId, stage, index));
        }
        assertThat(seen).containsExactlyElementsOf(expected);
        assertThat(api.get("/api/jobs/" + jobId + "/tasks?limit=501").status()).isEqualTo(400);
    }

    @Test
    void theJobListSaysWhatEachJobIsAbout() {
        String ingest = api.submit("ingest_vector", "{\"blob_name\": \"history/none_such.geojson\", \"table_name\": \"history_subject\"}")
                .body().get("job_id").asText();
        String hello = api.submit("hello_world", "{\"n\": 7}").body().get("job_id").asText();

        JsonNode jobs = api.get("/api/jobs?limit=500").body().get("jobs");
        assertThat(subjectOf(jobs, ingest)).isEqualTo("bronze/history/none_such.geojson -> history_subject");
        assertThat(subjectOf(jobs, hello)).isEqualTo("7 greeting(s)");
        assertThat(api.get("/api/jobs/" + ingest).body().get("subject").asText()).isEqualTo(subjectOf(jobs, ingest));
        api.waitForFinal(ingest, WAIT);
        api.waitForFinal(hello, WAIT);
    }

    private static String subjectOf(JsonNode jobs, String jobId) {
        for (JsonNode job : jobs) {
            if (job.get("job_id").asText().equals(jobId)) return job.path("subject").asText(null);
        }
        throw new AssertionError("job " + jobId + " is not in the list");
    }
}
