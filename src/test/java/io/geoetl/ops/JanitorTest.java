package io.geoetl.ops;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.geoetl.jobs.JobIds;
import io.geoetl.testing.Api;
import io.geoetl.testing.CountingJobType;
import io.geoetl.testing.RunningRouter;
import io.geoetl.testing.TestDb;
import io.geoetl.testing.TestServices;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The janitor repairs what crashes leave behind. Each broken state is made for real in the
 * database (a task claimed by a router that no longer exists, a lost doorbell, a stage that did
 * not advance), then a sweep is run through POST /api/dbadmin/janitor/run.
 */
class JanitorTest {
    private static final String GHOST = "ghost-router:1:dead";
    private static final TestDb db = TestDb.shared();
    private static final CountingJobType counting = new CountingJobType();
    private static RunningRouter router;
    private static Api api;

    @BeforeAll
    static void start() {
        TestServices.get().deleteAllJobs();
        router = janitorRouter(null);
        api = new Api(router.baseUrl());
    }

    @AfterAll
    static void stop() {
        router.close();
    }

    /** Scheduled sweeps off: each test runs its own sweep. */
    private static RunningRouter janitorRouter(String queue) {
        RunningRouter.Builder builder = RunningRouter.builder()
                .property("geoetl.janitor.enabled", "false")
                .property("geoetl.janitor.stale-after", "PT2S")
                .property("geoetl.tasks.heartbeat-interval", "PT0.5S")
                .property("geoetl.janitor.lost-doorbell-after", "PT2S")
                .jobTypes(r -> r.register(counting));
        if (queue != null) builder.queue(queue);
        return builder.start();
    }

    @Test
    void aTaskWhoseWorkerDiedIsRequeuedAsANewAttemptAndTheJobCompletes() {
        String jobId = finishedCountingJob(3, "requeue");
        String taskId = JobIds.taskId(jobId, 1, 0);
        claimByDeadWorker(jobId, taskId, 1);

        JsonNode report = api.post("/api/dbadmin/janitor/run", "").body();

        assertThat(report.get("swept").asBoolean()).isTrue();
        assertThat(actionsFor(report, taskId)).containsExactly("task_requeued");
        JsonNode job = api.waitForFinal(jobId, Duration.ofSeconds(30));
        assertThat(job.get("status").asText()).isEqualTo("completed");
        assertThat(db.scalar("select attempt from app.tasks where task_id = ?", taskId)).isEqualTo(2);
        List<String> history = db.column("select to_status || '#' || attempt || '@' || actor from app.job_events "
                + "where task_id = ? and event_id > (select max(event_id) from app.job_events where task_id = ? and actor = 'test') order by event_id",
                taskId, taskId);
        assertThat(history).containsExactly("queued#1@janitor", "processing#2@" + workerOf(taskId), "completed#2@" + workerOf(taskId));
        assertThat((String) db.scalar("select reason from app.job_events where task_id = ? and actor = 'janitor'", taskId))
                .contains("worker " + GHOST + " sent no heartbeat").contains("requeued as a new attempt");
    }

    @Test
    void aTaskWhoseWorkerDiedOnItsLastAttemptFailsAndFailsTheJob() {
        String jobId = finishedCountingJob(2, "exhausted");
        String taskId = JobIds.taskId(jobId, 1, 1);
        claimByDeadWorker(jobId, taskId, 3);

        JsonNode report = api.post("/api/dbadmin/janitor/run", "").body();

        assertThat(actionsFor(report, taskId)).containsExactly("task_failed");
        JsonNode job = api.get("/api/jobs/" + jobId).body();
        assertThat(job.get("status").asText()).isEqualTo("failed");
        assertThat(job.get("error").get("code").asText()).isEqualTo("worker_lost");
        assertThat(job.get("error").get("message").asText()).contains(GHOST).contains("no attempts left");
        assertThat(db.column("select actor from app.job_events where job_id = ? and task_id is null and to_status = 'failed'", jobId))
                .containsExactly("janitor");
    }

    @Test
    void aDueTaskWhoseDoorbellWasLostGetsItAgain() {
        String jobId = finishedCountingJob(2, "lost-doorbell");
        String taskId = JobIds.taskId(jobId, 1, 0);
        reopen(jobId);
        // queued and due for an hour, but no message on the queue
        db.exec("update app.tasks set status = 'queued', claimed_by = null, heartbeat_at = null, finished_at = null, result = null, "
                + "next_attempt_at = now() - interval '1 hour' where task_id = ?", taskId);

        JsonNode report = api.post("/api/dbadmin/janitor/run", "").body();

        assertThat(actionsFor(report, taskId)).containsExactly("doorbell_resent");
        assertThat(api.waitForFinal(jobId, Duration.ofSeconds(30)).get("status").asText()).isEqualTo("completed");
        assertThat(db.column("select reason from app.job_events where task_id = ? and actor = 'janitor'", taskId))
                .singleElement().asString().contains("never claimed: doorbell re-sent");
    }

    @Test
    void aStageWhoseTasksAllEndedButDidNotAdvanceIsAdvanced() {
        String jobId = api.submit("hello_world", "{\"n\": 2, \"fail_permanently\": []}").body().get("job_id").asText();
        api.waitForFinal(jobId, Duration.ofSeconds(30));
        // back to "stage 1 done, stage 2 never planned"
        db.exec("delete from app.tasks where job_id = ? and stage = 2", jobId);
        db.exec("update app.jobs set status = 'processing', stage = 1, result = null, finished_at = null where job_id = ?", jobId);

        JsonNode report = api.post("/api/dbadmin/janitor/run", "").body();

        assertThat(actionsForJob(report, jobId)).containsExactly("stage_advanced");
        JsonNode job = api.waitForFinal(jobId, Duration.ofSeconds(30));
        assertThat(job.get("status").asText()).isEqualTo("completed");
        assertThat(job.get("task_counts").get("completed").asInt()).isEqualTo(4);
        assertThat(db.column("select actor from app.job_events where job_id = ? and to_status = 'stage:2' order by event_id", jobId))
                .endsWith("janitor");
    }

    @Test
    void aJobWhoseTasksAreAllFinalButIsNotIsClosed() {
        String jobId = finishedCountingJob(2, "close");
        reopen(jobId);

        JsonNode report = api.post("/api/dbadmin/janitor/run", "").body();

        assertThat(actionsForJob(report, jobId)).containsExactly("job_closed");
        JsonNode job = api.get("/api/jobs/" + jobId).body();
        assertThat(job.get("status").asText()).isEqualTo("completed");
        assertThat(job.get("result").get("counted").asInt()).isEqualTo(2);
    }

    @Test
    void staleTasksAreListedWithAgeWorkerAttemptAndJob() {
        String jobId = finishedCountingJob(1, "zombie-list");
        String taskId = JobIds.taskId(jobId, 1, 0);
        claimByDeadWorker(jobId, taskId, 2);

        JsonNode zombies = api.get("/api/dbadmin/zombie-tasks").body();

        assertThat(zombies.get("stale_after_seconds").asInt()).isEqualTo(2);
        JsonNode zombie = find(zombies.get("tasks"), taskId);
        assertThat(zombie.get("job_id").asText()).isEqualTo(jobId);
        assertThat(zombie.get("job_type").asText()).isEqualTo("counting");
        assertThat(zombie.get("worker").asText()).isEqualTo(GHOST);
        assertThat(zombie.get("attempt").asInt()).isEqualTo(2);
        assertThat(zombie.get("age_seconds").asDouble()).isGreaterThan(3500);
        api.post("/api/dbadmin/janitor/run", "");
        assertThat(api.waitForFinal(jobId, Duration.ofSeconds(30)).get("status").asText()).isEqualTo("completed");
    }

    @Test
    void twoRoutersSweepingAtOnceRepairEachTaskOnce() throws Exception {
        int n = 40;
        String jobId = finishedCountingJob(n, "two-janitors");
        reopen(jobId);
        db.exec("update app.tasks set status = 'processing', claimed_by = ?, heartbeat_at = now() - interval '1 hour', "
                + "finished_at = null, result = null, attempt = 1 where job_id = ?", GHOST, jobId);

        List<JsonNode> reports = new ArrayList<>();
        try (RunningRouter second = janitorRouter(null)) {
            Api secondApi = new Api(second.baseUrl());
            CyclicBarrier together = new CyclicBarrier(2);
            CompletableFuture<JsonNode> first = CompletableFuture.supplyAsync(() -> sweepAfter(together, api));
            CompletableFuture<JsonNode> other = CompletableFuture.supplyAsync(() -> sweepAfter(together, secondApi));
            reports.add(first.get());
            reports.add(other.get());
            assertThat(api.waitForFinal(jobId, Duration.ofSeconds(60)).get("status").asText()).isEqualTo("completed");
        }

        int requeued = 0;
        for (JsonNode report : reports) {
            for (JsonNode action : report.get("actions")) {
                if (action.get("job_id").asText().equals(jobId)) requeued++;
            }
        }
        assertThat(requeued).isEqualTo(n);
        assertThat(db.count("select count(*) from app.job_events where job_id = ? and actor = 'janitor' and to_status = 'queued'", jobId))
                .isEqualTo(n);
        assertThat(db.count("select count(distinct task_id) from app.job_events where job_id = ? and actor = 'janitor'", jobId))
                .isEqualTo(n);
    }

    private static JsonNode sweepAfter(CyclicBarrier together, Api api) {
        try {
            together.await();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        return api.post("/api/dbadmin/janitor/run", "").body();
    }

    /** A counting job that ran to completion (so nothing else touches it), unique by label. */
    private static String finishedCountingJob(int n, String label) {
        Api.Reply submitted = api.submit("counting", "{\"n\": " + n + ", \"label\": \"" + label + "\"}");
        assertThat(submitted.status()).as(submitted.text()).isEqualTo(201);
        String jobId = submitted.body().get("job_id").asText();
        assertThat(api.waitForFinal(jobId, Duration.ofSeconds(30)).get("status").asText()).isEqualTo("completed");
        return jobId;
    }

    /** The job as if it had never finished. */
    private static void reopen(String jobId) {
        db.exec("update app.jobs set status = 'processing', result = null, finished_at = null where job_id = ?", jobId);
    }

    /** The task as if a router had claimed attempt {@code attempt} an hour ago and died; a marker event separates the history. */
    private static void claimByDeadWorker(String jobId, String taskId, int attempt) {
        reopen(jobId);
        db.exec("update app.tasks set status = 'processing', claimed_by = ?, heartbeat_at = now() - interval '1 hour', "
                + "finished_at = null, result = null, attempt = ? where task_id = ?", GHOST, attempt, taskId);
        db.exec("insert into app.job_events (job_id, task_id, to_status, attempt, actor, reason) values (?, ?, 'processing', ?, 'test', 'claimed by a dead router')",
                jobId, taskId, attempt);
    }

    private static String workerOf(String taskId) {
        return (String) db.scalar("select claimed_by from app.tasks where task_id = ?", taskId);
    }

    private static List<String> actionsFor(JsonNode report, String taskId) {
        List<String> kinds = new ArrayList<>();
        report.get("actions").forEach(a -> {
            if (taskId.equals(a.path("task_id").asText(null))) kinds.add(a.get("action").asText());
        });
        return kinds;
    }

    private static List<String> actionsForJob(JsonNode report, String jobId) {
        List<String> kinds = new ArrayList<>();
        report.get("actions").forEach(a -> {
            if (jobId.equals(a.get("job_id").asText())) kinds.add(a.get("action").asText());
        });
        return kinds;
    }

    private static JsonNode find(JsonNode tasks, String taskId) {
        for (JsonNode task : tasks) {
            if (task.get("task_id").asText().equals(taskId)) return task;
        }
        throw new AssertionError("task " + taskId + " not listed in " + tasks);
    }
}
