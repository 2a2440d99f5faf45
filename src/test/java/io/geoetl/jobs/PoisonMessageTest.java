package io.geoetl.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import com.azure.storage.queue.QueueClient;
import com.azure.storage.queue.QueueClientBuilder;
import com.fasterxml.jackson.databind.JsonNode;
import io.geoetl.testing.Api;
import io.geoetl.testing.CountingJobType;
import io.geoetl.testing.RunningRouter;
import io.geoetl.testing.TestDb;
import io.geoetl.testing.TestServices;
import io.geoetl.testing.Waits;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Messages that can never reach a handler end in the poison queue instead of circling forever. */
class PoisonMessageTest {
    private static final TestDb db = TestDb.shared();
    private static RunningRouter router;
    private static Api api;
    private static QueueClient tasks;

    @BeforeAll
    static void start() {
        TestServices.get().deleteAllJobs();
        router = RunningRouter.builder()
                .property("geoetl.worker.poison-after", "3")
                .property("geoetl.worker.visibility-timeout", "PT1S")
                .jobTypes(r -> r.register(new CountingJobType()))
                .start();
        api = new Api(router.baseUrl());
        tasks = new QueueClientBuilder().connectionString(TestServices.get().storageConnectionString)
                .queueName(router.queueName()).buildClient();
    }

    @AfterAll
    static void stop() {
        db.exec("drop trigger if exists refuse_claim on app.tasks");
        db.exec("drop function if exists app.refuse_claim_for_test()");
        router.close();
    }

    @Test
    void anUndecodableMessageIsParkedAtOnceWithTheReason() {
        tasks.sendMessage("this is not a task message");

        JsonNode parked = waitForParked("this is not a task message");

        assertThat(parked.get("reason").asText()).contains("not JSON");
        assertThat(parked.get("dequeue_count").asInt()).isEqualTo(1);
        assertThat(parked.get("task_id").isNull()).isTrue();
        assertThat(parked.get("router").asText()).isNotBlank();
        waitUntilTaskQueueEmpty();
    }

    @Test
    void aMessageForATaskThatDoesNotExistIsParked() {
        String jobId = "f".repeat(64);
        String body = new TaskMessage(jobId, JobIds.taskId(jobId, 1, 0)).toJson();
        tasks.sendMessage(body);

        JsonNode parked = waitForParked(body);

        assertThat(parked.get("reason").asText()).contains("does not exist");
        assertThat(parked.get("task_id").asText()).isEqualTo(JobIds.taskId(jobId, 1, 0));
    }

    @Test
    void aMessageWhoseClaimFailsOnEveryDeliveryIsParkedAfterTheLimitAndItsTaskFails() {
        // the database refuses every claim of this job's tasks: a crash in the claim path, for real
        db.exec("create or replace function app.refuse_claim_for_test() returns trigger language plpgsql as $$ begin "
                + "if new.status = 'processing' and new.parameters->>'index' = '0' and exists (select 1 from app.jobs j "
                + "where j.job_id = new.job_id and j.parameters->>'label' = 'poisoned') then raise exception 'claim refused by test trigger'; "
                + "end if; return new; end $$");
        db.exec("drop trigger if exists refuse_claim on app.tasks");
        db.exec("create trigger refuse_claim before update on app.tasks for each row execute function app.refuse_claim_for_test()");

        String jobId = api.submit("counting", "{\"n\": 1, \"label\": \"poisoned\"}").body().get("job_id").asText();
        String taskId = JobIds.taskId(jobId, 1, 0);
        JsonNode job = api.waitForFinal(jobId, Duration.ofSeconds(60));

        assertThat(job.get("status").asText()).isEqualTo("failed");
        assertThat(job.get("error").get("code").asText()).isEqualTo("poison_message");
        assertThat(job.get("error").get("message").asText()).contains("delivered 3 times").contains("claim refused by test trigger");
        JsonNode parked = waitForParked(new TaskMessage(jobId, taskId).toJson());
        assertThat(parked.get("dequeue_count").asInt()).isEqualTo(3);
        assertThat(parked.get("task_id").asText()).isEqualTo(taskId);
        assertThat(db.column("select to_status from app.job_events where task_id = ? order by event_id", taskId)).containsExactly("failed");
        assertThat(db.scalar("select attempt from app.tasks where task_id = ?", taskId)).isEqualTo(0);
    }

    private static JsonNode waitForParked(String body) {
        return Waits.until("message parked in the poison queue: " + body, Duration.ofSeconds(60), () -> {
            for (JsonNode parked : api.get("/api/dbadmin/poison").body().get("messages")) {
                if (body.equals(parked.get("message").asText())) return parked;
            }
            return null;
        }, parked -> parked != null);
    }

    private static void waitUntilTaskQueueEmpty() {
        Waits.until("task queue drained", Duration.ofSeconds(30), () -> tasks.getProperties().getApproximateMessagesCount() == 0);
    }
}
