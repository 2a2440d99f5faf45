package io.geoetl.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.geoetl.testing.Api;
import io.geoetl.testing.RunningRouter;
import io.geoetl.testing.TestServices;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** hello_world end to end through HTTP, the Azure queue (Azurite) and PostgreSQL. */
class HelloWorldOrchestrationTest {
    private static RunningRouter router;
    private static Api api;

    @BeforeAll
    static void start() {
        TestServices.get().deleteAllJobs();
        router = RunningRouter.builder()
                .property("geoetl.tasks.backoff-base", "PT1S")
                .property("geoetl.worker.concurrency", "8")
                .start();
        api = new Api(router.baseUrl());
    }

    @AfterAll
    static void stop() {
        router.close();
    }

    @Test
    void helloWorldWith200TasksPerStageCompletesWith400TasksAndMatchingReplies() throws Exception {
        Api.Reply submitted = api.submit("hello_world", "{\"n\": 200}");
        assertThat(submitted.status()).as(submitted.text()).isEqualTo(201);
        String jobId = submitted.body().get("job_id").asText();

        JsonNode job = api.waitForFinal(jobId, Duration.ofMinutes(3));

        assertThat(job.get("status").asText()).isEqualTo("completed");
        assertThat(job.get("task_counts").get("completed").asInt()).isEqualTo(400);
        assertThat(job.get("task_counts").get("total").asInt()).isEqualTo(400);
        assertThat(job.get("result").get("replies").asInt()).isEqualTo(200);
        assertThat(job.get("progress_percent").asDouble()).isEqualTo(100.0);
        try (Connection c = TestServices.get().connect(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("select g.task_index, g.result->>'greeting', r.result->>'reply', g.attempt, r.attempt "
                     + "from app.tasks g join app.tasks r on r.job_id = g.job_id and r.task_index = g.task_index and r.stage = 2 "
                     + "where g.job_id = '" + jobId + "' and g.stage = 1 order by g.task_index")) {
            List<Integer> indexes = new ArrayList<>();
            while (rs.next()) {
                int index = rs.getInt(1);
                indexes.add(index);
                assertThat(rs.getString(2)).isEqualTo("Hello from task " + index);
                assertThat(rs.getString(3)).isEqualTo("Hello back to: Hello from task " + index);
                assertThat(rs.getInt(4)).isEqualTo(1);
                assertThat(rs.getInt(5)).isEqualTo(1);
            }
            assertThat(indexes).hasSize(200).doesNotHaveDuplicates();
        }
    }

    @Test
    void theSameSubmissionTwiceReturnsTheSameJobAndCreatesNoNewTasks() {
        Api.Reply first = api.submit("hello_world", "{\"n\": 4}");
        assertThat(first.status()).isEqualTo(201);
        String jobId = first.body().get("job_id").asText();
        api.waitForFinal(jobId, Duration.ofSeconds(60));
        int tasksBefore = api.get("/api/jobs/" + jobId + "/tasks").body().get("tasks").size();

        // same parameters, different key order and an explicit default: same canonical job
        Api.Reply second = api.submit("hello_world", "{\"fail_permanently\": [], \"n\": 4}");

        assertThat(second.status()).isEqualTo(200);
        assertThat(second.body().get("job_id").asText()).isEqualTo(jobId);
        assertThat(second.body().get("created").asBoolean()).isFalse();
        assertThat(api.get("/api/jobs/" + jobId + "/tasks").body().get("tasks").size()).isEqualTo(tasksBefore).isEqualTo(8);
    }

    @Test
    void aPermanentFailureFailsTheJobWithTheTasksMessage() {
        Api.Reply submitted = api.submit("hello_world", "{\"n\": 5, \"fail_permanently\": [3]}");
        String jobId = submitted.body().get("job_id").asText();

        JsonNode job = api.waitForFinal(jobId, Duration.ofSeconds(60));

        assertThat(job.get("status").asText()).isEqualTo("failed");
        assertThat(job.get("error").get("code").asText()).isEqualTo("bad_input");
        assertThat(job.get("error").get("message").asText()).contains("greet task 3 was asked to fail permanently");
        assertThat(job.get("error").get("task_id").asText()).isEqualTo(JobIds.taskId(jobId, 1, 3));
        assertThat(job.get("task_counts").get("completed").asInt() + job.get("task_counts").get("cancelled").asInt()).isEqualTo(4);
        assertThat(job.get("task_counts").get("failed").asInt()).isEqualTo(1);
        // the reply stage never started
        assertThat(job.get("stage").asInt()).isEqualTo(1);
        JsonNode failedTask = findTask(jobId, 3);
        assertThat(failedTask.get("attempt").asInt()).as("bad input is not retried").isEqualTo(1);
    }

    @Test
    void aTransientFailureIsRetriedAndTheJobCompletesWithAttemptsVisible() {
        Api.Reply submitted = api.submit("hello_world", "{\"n\": 3, \"fail_transiently\": [1], \"transient_failures\": 2}");
        String jobId = submitted.body().get("job_id").asText();

        JsonNode job = api.waitForFinal(jobId, Duration.ofSeconds(90));

        assertThat(job.get("status").asText()).isEqualTo("completed");
        JsonNode flaky = findTask(jobId, 1);
        assertThat(flaky.get("status").asText()).isEqualTo("completed");
        assertThat(flaky.get("attempt").asInt()).isEqualTo(3);
        JsonNode events = api.get("/api/jobs/" + jobId + "/events?task_id=" + JobIds.taskId(jobId, 1, 1)).body().get("events");
        List<String> transitions = new ArrayList<>();
        events.forEach(e -> transitions.add(e.get("to_status").asText() + "#" + e.path("attempt").asInt()));
        assertThat(transitions).containsExactly("processing#1", "retrying#1", "processing#2", "retrying#2", "processing#3", "completed#3");
        assertThat(events.get(1).get("reason").asText()).contains("fails transiently on attempt 1");
    }

    @Test
    void attemptsAreExhaustedAfterMaxAttemptsAndTheJobFails() {
        Api.Reply submitted = api.submit("hello_world", "{\"n\": 2, \"fail_transiently\": [0], \"transient_failures\": 5}");
        String jobId = submitted.body().get("job_id").asText();

        JsonNode job = api.waitForFinal(jobId, Duration.ofSeconds(90));

        assertThat(job.get("status").asText()).isEqualTo("failed");
        assertThat(job.get("error").get("code").asText()).isEqualTo("attempts_exhausted");
        assertThat(job.get("error").get("message").asText()).startsWith("gave up after 3 attempt(s)");
        assertThat(findTask(jobId, 0).get("attempt").asInt()).isEqualTo(3);
    }

    @Test
    void aFailedJobSubmittedAgainStartsANewRunUnderTheSameId() {
        Api.Reply first = api.submit("hello_world", "{\"n\": 2, \"fail_transiently\": [1], \"transient_failures\": 3}");
        String jobId = first.body().get("job_id").asText();
        assertThat(api.waitForFinal(jobId, Duration.ofSeconds(90)).get("status").asText()).isEqualTo("failed");

        // the task now has used 3 attempts: attempt 4 succeeds
        Api.Reply again = api.submit("hello_world", "{\"n\": 2, \"fail_transiently\": [1], \"transient_failures\": 3}");

        assertThat(again.status()).isEqualTo(200);
        assertThat(again.body().get("job_id").asText()).isEqualTo(jobId);
        assertThat(again.body().get("restarted").asBoolean()).isTrue();
        JsonNode job = api.waitForFinal(jobId, Duration.ofSeconds(90));
        assertThat(job.get("status").asText()).isEqualTo("completed");
        assertThat(job.get("run").asInt()).isEqualTo(2);
        assertThat(findTask(jobId, 1).get("attempt").asInt()).isEqualTo(4);
    }

    private static JsonNode findTask(String jobId, int index) {
        for (JsonNode task : api.get("/api/jobs/" + jobId + "/tasks").body().get("tasks")) {
            if (task.get("stage").asInt() == 1 && task.get("task_index").asInt() == index) return task;
        }
        throw new AssertionError("no task " + index + " in job " + jobId);
    }
}
