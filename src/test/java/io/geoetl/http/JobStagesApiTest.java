package io.geoetl.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.geoetl.testing.Api;
import io.geoetl.testing.RunningRouter;
import io.geoetl.testing.TestDb;
import io.geoetl.testing.TestServices;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** GET /api/jobs/{id}/stages and the progress of GET /api/jobs, against the tasks in the database. */
class JobStagesApiTest {
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final TestDb db = TestDb.shared();
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
    void everyStageHasTheCountsOfTheDatabaseAndTheRateCountsRecentlyFinishedTasks() {
        String jobId = api.submit("hello_world", "{\"n\": 5}").body().get("job_id").asText();
        api.waitForFinal(jobId, WAIT);

        JsonNode stages = api.get("/api/jobs/" + jobId + "/stages").body();
        assertThat(stages.get("total_stages").asInt()).isEqualTo(2);
        assertThat(stages.get("stages")).extracting(stage -> stage.get("name").asText()).containsExactly("greet", "reply");
        for (JsonNode stage : stages.get("stages")) {
            int number = stage.get("stage").asInt();
            assertThat(stage.get("task_counts").get("completed").asLong())
                    .isEqualTo(db.count("select count(*) from app.tasks where job_id = ? and stage = ? and status = 'completed'", jobId, number))
                    .isEqualTo(5);
            assertThat(stage.get("task_counts").get("total").asInt()).isEqualTo(5);
            assertThat(stage.get("current").asBoolean()).as("a finished job has no current stage").isFalse();
        }
        assertThat(stages.get("progress_percent").asDouble()).isEqualTo(100.0);
        assertThat(stages.get("rate_per_second").asDouble()).as("10 tasks finished within the last minute")
                .isEqualTo(Math.round(10 / 60.0 * 1000) / 1000.0);
        assertThat(stages.get("eta_seconds").isNull()).isTrue();

        JsonNode listed = api.get("/api/jobs").body().get("jobs").get(0);
        assertThat(listed.get("job_id").asText()).isEqualTo(jobId);
        assertThat(listed.get("progress_percent").asDouble()).isEqualTo(100.0);
    }

    @Test
    void aFailedJobShowsWhereItStoppedAndAnUnknownJobIsNotFound() {
        String jobId = api.submit("hello_world", "{\"n\": 2, \"fail_permanently\": [0]}").body().get("job_id").asText();
        assertThat(api.waitForFinal(jobId, WAIT).get("status").asText()).isEqualTo("failed");
        JsonNode stages = api.get("/api/jobs/" + jobId + "/stages").body();
        assertThat(stages.get("stages").get(0).get("task_counts").get("failed").asInt()).isGreaterThanOrEqualTo(1);
        assertThat(stages.get("stages").get(1).get("task_counts").get("total").asInt()).as("never planned").isZero();

        Api.Reply missing = api.get("/api/jobs/" + "0".repeat(64) + "/stages");
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.body().get("code").asText()).isNotBlank();
    }
}
