package io.geoetl.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.geoetl.testing.Api;
import io.geoetl.testing.RunningRouter;
import io.geoetl.testing.TestDb;
import io.geoetl.testing.TestServices;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Retry of a failed job: resumes at the failed stage once the cause is gone; history keeps every attempt. */
class JobRetryTest {
    private static final TestDb db = TestDb.shared();
    private static final BlockedLoad blocked = new BlockedLoad();
    private static RunningRouter router;
    private static Api api;

    @BeforeAll
    static void start() {
        TestServices.get().deleteAllJobs();
        router = RunningRouter.builder()
                .property("geoetl.tasks.max-attempts", "2")
                .property("geoetl.tasks.backoff-base", "PT0.2S")
                .jobTypes(r -> r.register(blocked))
                .start();
        api = new Api(router.baseUrl());
    }

    @AfterAll
    static void stop() {
        router.close();
    }

    @Test
    void aJobThatFailedInItsSecondStageResumesThereAfterTheCauseIsRemoved() {
        blocked.inputMissing.set(true);
        String jobId = api.submit("blocked_load", "{\"n\": 3}").body().get("job_id").asText();
        JsonNode failed = api.waitForFinal(jobId, Duration.ofSeconds(60));
        assertThat(failed.get("status").asText()).isEqualTo("failed");
        assertThat(failed.get("stage").asInt()).isEqualTo(2);
        assertThat(failed.get("error").get("message").asText()).contains("input is not there yet");

        blocked.inputMissing.set(false); // the cause is removed
        Api.Reply retried = api.post("/api/jobs/" + jobId + "/retry", "");

        assertThat(retried.status()).isEqualTo(202);
        JsonNode job = api.waitForFinal(jobId, Duration.ofSeconds(60));
        assertThat(job.get("status").asText()).isEqualTo("completed");
        assertThat(job.get("run").asInt()).isEqualTo(2);
        assertThat(job.get("result").get("loaded").asInt()).isEqualTo(3);
        // stage 1 did not run again
        for (int i = 0; i < 3; i++) {
            assertThat(blocked.runs.get(JobIds.taskId(jobId, 1, i))).hasValue(1);
        }
        assertThat(db.column("select attempt::text from app.tasks where job_id = ? and stage = 1", jobId)).containsOnly("1");
        // the failed task of stage 2: attempts 1 and 2 of run 1 stay in the history, attempt 3 completed it
        String load = JobIds.taskId(jobId, 2, 0);
        List<String> history = db.column("select to_status || '#' || coalesce(attempt::text, '-') from app.job_events "
                + "where task_id = ? order by event_id", load);
        assertThat(history).containsExactly("processing#1", "retrying#1", "processing#2", "failed#2", "queued#-", "processing#3", "completed#3");
        assertThat(db.column("select reason from app.job_events where job_id = ? and task_id is null and to_status = 'processing' "
                + "and from_status = 'failed'", jobId)).singleElement().asString().isEqualTo("retry requested (run 2)");
    }

    @Test
    void retryOfARunningJobIsRefused() {
        blocked.inputMissing.set(false);
        String jobId = api.submit("blocked_load", "{\"n\": 1, \"slow_ms\": 10000}").body().get("job_id").asText();
        // retry while its first task is known to be running (not before it started, not after it ended)
        api.waitForJob(jobId, Duration.ofSeconds(60), job -> blocked.runs.containsKey(JobIds.taskId(jobId, 1, 0)));
        assertThat(api.get("/api/jobs/" + jobId).body().get("status").asText()).isEqualTo("processing");
        Api.Reply reply = api.post("/api/jobs/" + jobId + "/retry", "");
        assertThat(reply.status()).isEqualTo(409);
        assertThat(reply.body().get("code").asText()).isEqualTo("job_not_retryable");
        assertThat(reply.body().get("message").asText()).contains("is processing");
        JsonNode done = api.waitForFinal(jobId, Duration.ofSeconds(120));
        assertThat(done.get("status").asText()).isEqualTo("completed");
        assertThat(done.get("run").asInt()).as("the refused retry started no new run").isEqualTo(1);
    }

    /** Stage 1 prepares n parts; stage 2 loads them in one task, which fails while its input is missing. */
    static final class BlockedLoad implements JobType {
        final AtomicBoolean inputMissing = new AtomicBoolean();
        final Map<String, AtomicInteger> runs = new ConcurrentHashMap<>();

        @Override
        public String name() {
            return "blocked_load";
        }

        @Override
        public String description() {
            return "Test job type: a load stage whose input can be made to go missing.";
        }

        @Override
        public ParameterSchema parameters() {
            return new ParameterSchema()
                    .integer("n", "Tasks.", 1, 1, 100)
                    .integer("slow_ms", "How long a load runs.", 0, 0, 10_000);
        }

        @Override
        public List<String> stageNames() {
            return List.of("prepare", "load");
        }

        @Override
        public List<TaskSpec> planStage(int stage, JsonNode parameters, StageResults previous) {
            if (stage == 2) return List.of(new TaskSpec("load", Json.object().put("parts", previous.results().size())));
            return java.util.stream.IntStream.range(0, parameters.get("n").intValue())
                    .mapToObj(i -> new TaskSpec("prepare", Json.object().put("index", i))).toList();
        }

        @Override
        public JsonNode runTask(TaskContext context) throws Exception {
            runs.computeIfAbsent(context.taskId(), id -> new AtomicInteger()).incrementAndGet();
            Thread.sleep(context.jobParameters().get("slow_ms").intValue());
            if (context.taskType().equals("load") && inputMissing.get()) {
                throw new IllegalStateException("input is not there yet");
            }
            return Json.object().put("parts", context.taskParameters().path("parts").asInt(1));
        }

        @Override
        public JsonNode finish(JsonNode parameters, StageResults lastStage) {
            return Json.object().put("loaded", lastStage.results().get(0).get("parts").asInt());
        }
    }
}
