package io.geoetl.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.geoetl.ops.Janitor;
import io.geoetl.ops.JanitorReport;
import io.geoetl.testing.Api;
import io.geoetl.testing.RunningRouter;
import io.geoetl.testing.TestDb;
import io.geoetl.testing.TestServices;
import io.geoetl.testing.Waits;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A submission commits one job row and answers; the first stage is planned after that, by the
 * router's planner or, when the router stopped in between, by the janitor. Planning twice, or
 * submitting the same job again while it waits to be planned, creates nothing twice.
 */
class FirstStagePlanningTest {
    private static RunningRouter router;
    private static Api api;
    private final TestDb db = TestDb.shared();

    @BeforeAll
    static void start() {
        TestServices.get().deleteAllJobs(); // job ids are the same on every run
        router = RunningRouter.builder()
                .property("geoetl.janitor.enabled", "false")
                .property("geoetl.janitor.unplanned-after", "PT1S")
                .start();
        api = new Api(router.baseUrl());
    }

    @AfterAll
    static void stop() {
        router.close();
    }

    @Test
    void aJobAcceptedByARouterThatStoppedBeforePlanningIsPlannedByTheJanitorAndRunsEachTaskOnce() {
        String jobId = acceptWithoutPlanning(31);
        assertThat(db.count("select count(*) from app.tasks where job_id = ?", jobId)).as("nothing planned yet").isZero();

        Waits.sleep(1_200); // older than geoetl.janitor.unplanned-after
        JanitorReport report = router.bean("janitor", Janitor.class).sweepAskedBy("test");

        assertThat(report.actions()).filteredOn(action -> action.jobId().equals(jobId)).singleElement()
                .satisfies(action -> assertThat(action.kind()).isEqualTo("job_planned"));
        JsonNode job = api.waitForFinal(jobId, Duration.ofSeconds(60));
        assertThat(job.get("status").asText()).as(job.toPrettyString()).isEqualTo("completed");
        assertThat(job.get("result").get("replies").asInt()).isEqualTo(31);
        assertEachTaskRanOnce(jobId, 2 * 31);
        assertThat(db.count("select count(*) from app.job_events where job_id = ? and to_status = 'stage:1' and actor = 'janitor'", jobId))
                .as("the janitor planned stage 1").isEqualTo(1);
    }

    @Test
    void planningAJobTwiceAtOnceCreatesItsTasksAndStageEventOnce() throws Exception {
        String jobId = acceptWithoutPlanning(47);
        OrchestrationDatabase orchestration = router.bean("orchestrationDatabase", OrchestrationDatabase.class);
        JobProgression progression = router.bean("jobProgression", JobProgression.class);
        CountDownLatch go = new CountDownLatch(1);
        ExecutorService planners = Executors.newFixedThreadPool(2);
        try {
            List<Future<List<TaskMessage>>> plans = new ArrayList<>();
            for (String actor : List.of("planner-a", "planner-b")) {
                plans.add(planners.submit(() -> {
                    go.await();
                    return orchestration.inTransaction(tx -> progression.planFirstStage(tx, jobId, actor));
                }));
            }
            go.countDown();
            List<Integer> doorbells = new ArrayList<>();
            for (Future<List<TaskMessage>> plan : plans) doorbells.add(plan.get().size());
            assertThat(doorbells).as("one planning named the 47 greet tasks, the other found them planned").containsExactlyInAnyOrder(47, 0);
        } finally {
            planners.shutdownNow();
        }
        assertThat(db.count("select count(*) from app.tasks where job_id = ?", jobId)).isEqualTo(47);
        assertThat(db.count("select count(*) from app.job_events where job_id = ? and to_status = 'stage:1'", jobId)).isEqualTo(1);
        // the tasks are due: this router's janitor is off, so a doorbell brings them to a runner
        router.bean("doorbells", TaskQueue.class).send(List.of(new TaskMessage(jobId, JobIds.taskId(jobId, 1, 0))), Duration.ZERO);
        assertThat(api.waitForFinal(jobId, Duration.ofSeconds(60)).get("status").asText()).isEqualTo("completed");
        assertEachTaskRanOnce(jobId, 2 * 47);
    }

    @Test
    void theSameJobSubmittedByEightClientsAtOnceIsCreatedOnceAndRunsEachTaskOnce() throws Exception {
        ExecutorService clients = Executors.newFixedThreadPool(8);
        List<Api.Reply> replies = new ArrayList<>();
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<Api.Reply>> sent = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                sent.add(clients.submit(() -> {
                    go.await();
                    return api.submit("hello_world", "{\"n\": 53}");
                }));
            }
            go.countDown();
            for (Future<Api.Reply> reply : sent) replies.add(reply.get());
        } finally {
            clients.shutdownNow();
        }
        assertThat(replies).extracting(Api.Reply::status).as("one created, seven found it").containsOnly(201, 200);
        assertThat(replies).filteredOn(reply -> reply.status() == 201).hasSize(1);
        assertThat(replies).extracting(reply -> reply.body().get("job_id").asText()).containsOnly(replies.get(0).body().get("job_id").asText());
        String jobId = replies.get(0).body().get("job_id").asText();

        assertThat(api.waitForFinal(jobId, Duration.ofSeconds(60)).get("status").asText()).isEqualTo("completed");
        assertThat(db.count("select count(*) from app.job_events where job_id = ? and task_id is null and to_status = 'queued'", jobId))
                .as("accepted once").isEqualTo(1);
        assertThat(db.count("select count(*) from app.job_events where job_id = ? and to_status = 'stage:1'", jobId)).isEqualTo(1);
        assertEachTaskRanOnce(jobId, 2 * 53);
    }

    /** What a router that stopped right after answering leaves: the job row and its event, committed, and no task. */
    private String acceptWithoutPlanning(int n) {
        JobService jobs = router.bean("jobService", JobService.class);
        JobService.Check check = jobs.check("hello_world", Json.parse("{\"n\": " + n + "}"));
        int stages = router.bean("jobTypeRegistry", JobTypeRegistry.class).require("hello_world").stageNames().size();
        JobProgression progression = router.bean("jobProgression", JobProgression.class);
        router.bean("orchestrationDatabase", OrchestrationDatabase.class).inTransaction(tx -> {
            assertThat(tx.jobs().insertIfAbsent(check.jobId(), check.jobType(), check.parameters(), stages)).isTrue();
            progression.accepted(tx, check.jobId(), "api:test", "submitted");
            return null;
        });
        return check.jobId();
    }

    private void assertEachTaskRanOnce(String jobId, int tasks) {
        assertThat(db.count("select count(*) from app.tasks where job_id = ? and status = 'completed' and attempt = 1", jobId))
                .isEqualTo(tasks);
        assertThat(db.count("select count(*) from (select task_id from app.job_events where job_id = ? and to_status = 'processing' "
                + "and task_id is not null group by task_id having count(*) > 1) twice", jobId)).as("tasks claimed twice").isZero();
        assertThat(db.count("select count(*) from app.tasks where job_id = ?", jobId)).isEqualTo(tasks);
    }
}
