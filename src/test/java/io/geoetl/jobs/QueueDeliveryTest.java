package io.geoetl.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import com.azure.storage.queue.QueueClient;
import com.azure.storage.queue.QueueClientBuilder;
import com.fasterxml.jackson.databind.JsonNode;
import io.geoetl.testing.Api;
import io.geoetl.testing.CountingJobType;
import io.geoetl.testing.RunningRouter;
import io.geoetl.testing.TestServices;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The queue message is only a doorbell: duplicates and competing consumers never run a task twice. */
class QueueDeliveryTest {

    @BeforeAll
    static void clean() {
        TestServices.get().deleteAllJobs();
    }

    @Test
    void theSameTaskMessageDeliveredThreeTimesRunsTheHandlerOnce() throws Exception {
        CountingJobType counting = new CountingJobType();
        try (RunningRouter router = RunningRouter.builder().jobTypes(r -> r.register(counting)).start()) {
            Api api = new Api(router.baseUrl());
            Api.Reply submitted = api.submit("counting", "{\"n\": 1, \"sleep_ms\": 1500, \"label\": \"dup\"}");
            assertThat(submitted.status()).as(submitted.text()).isEqualTo(201);
            String jobId = submitted.body().get("job_id").asText();
            String taskId = JobIds.taskId(jobId, 1, 0);
            QueueClient queue = queue(router.queueName());
            String message = new TaskMessage(jobId, taskId).toJson();
            queue.sendMessage(message);                      // arrives while the task runs
            api.waitForFinal(jobId, Duration.ofSeconds(30));
            queue.sendMessage(message);                      // arrives after it finished
            waitUntilQueueEmpty(queue);

            assertThat(counting.runs.get(taskId)).hasValue(1);
            JsonNode events = api.get("/api/jobs/" + jobId + "/events?task_id=" + taskId).body().get("events");
            assertThat(events).extracting(e -> e.get("to_status").asText()).containsExactly("processing", "completed");
        }
    }

    @Test
    void twoConsumersOnOneQueueNeverRunATaskTwice() throws Exception {
        CountingJobType counting = new CountingJobType();
        try (RunningRouter first = RunningRouter.builder().jobTypes(r -> r.register(counting)).start();
             RunningRouter second = RunningRouter.builder().queue(first.queueName()).jobTypes(r -> r.register(counting)).start()) {
            Api api = new Api(first.baseUrl());
            String jobId = api.submit("counting", "{\"n\": 300, \"sleep_ms\": 20, \"label\": \"competing\"}").body().get("job_id").asText();
            // every task is also rung a second time, so both routers see doorbells for the same tasks
            QueueClient queue = queue(first.queueName());
            for (int i = 0; i < 300; i++) {
                queue.sendMessage(new TaskMessage(jobId, JobIds.taskId(jobId, 1, i)).toJson());
            }

            JsonNode job = api.waitForFinal(jobId, Duration.ofMinutes(2));

            assertThat(job.get("status").asText()).isEqualTo("completed");
            assertThat(counting.runs).hasSize(300);
            assertThat(counting.runs.values()).extracting(AtomicInteger::get).containsOnly(1);
            Set<String> workers = new HashSet<>();
            try (Connection c = TestServices.get().connect(); Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("select distinct claimed_by from app.tasks where job_id = '" + jobId + "'")) {
                while (rs.next()) workers.add(rs.getString(1));
            }
            assertThat(workers).as("both routers took part").hasSize(2);
        }
    }

    private static QueueClient queue(String name) {
        return new QueueClientBuilder().connectionString(TestServices.get().storageConnectionString).queueName(name).buildClient();
    }

    private static void waitUntilQueueEmpty(QueueClient queue) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 30_000;
        while (System.currentTimeMillis() < deadline) {
            if (queue.getProperties().getApproximateMessagesCount() == 0) return;
            Thread.sleep(200);
        }
        throw new AssertionError("queue " + queue.getQueueName() + " was not drained");
    }
}
