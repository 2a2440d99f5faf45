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
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Defect 3 of issue 8, second half: doorbells go out in bounded batches, and when sending them
 * fails the janitor's re-rings complete the job. Every doorbell send of the router fails except
 * those made on the test's own thread, which runs the janitor's sweeps: whatever the queue
 * carried came from the janitor. The queue receives at most geoetl.doorbells.per-ring messages
 * per send however many tasks a stage or a sweep names.
 */
class LostDoorbellsTest {
    private static final int PER_RING = 3;
    private static final int TASKS = 40;
    private final TestDb db = TestDb.shared();

    @Test
    void whenEveryDoorbellFailsTheJanitorsBoundedReRingsCompleteTheJob() {
        TestServices.get().deleteAllJobs(); // the job id is the same on every run
        Thread janitorThread = Thread.currentThread();
        AtomicLong failed = new AtomicLong();
        try (RunningRouter router = RunningRouter.builder()
                .property("geoetl.doorbells.per-ring", String.valueOf(PER_RING))
                .property("geoetl.janitor.enabled", "false")
                .property("geoetl.janitor.lost-doorbell-after", "PT1S")
                .decorateTaskQueue(queue -> (messages, delay) -> {
                    if (Thread.currentThread() != janitorThread) {
                        failed.addAndGet(messages.size());
                        throw new IllegalStateException("queue unreachable (test)");
                    }
                    queue.send(messages, delay);
                })
                .start()) {
            Api api = new Api(router.baseUrl());
            Janitor janitor = router.bean("janitor", Janitor.class);
            String jobId = api.submit("hello_world", "{\"n\": " + TASKS + "}").body().get("job_id").asText();
            Waits.until("the submission's doorbells fail", Duration.ofSeconds(60), () -> failed.get() >= TASKS);
            Waits.sleep(1_500);
            assertThat(db.count("select count(*) from app.tasks where job_id = ? and status = 'queued'", jobId))
                    .as("tasks nobody was told about stay queued").isEqualTo(TASKS);

            int sweeps = 0;
            Instant deadline = Instant.now().plus(Duration.ofSeconds(90));
            while (!isFinal(api, jobId) && Instant.now().isBefore(deadline)) {
                double sentBefore = sent(api);
                JanitorReport report = janitor.sweep();
                assertThat(report.swept()).isTrue();
                assertThat(sent(api) - sentBefore).as("doorbells one sweep put on the queue").isLessThanOrEqualTo(PER_RING);
                sweeps++;
                Waits.sleep(1_200);
            }

            JsonNode job = api.waitForFinal(jobId, Duration.ofSeconds(5));
            assertThat(job.get("status").asText()).as(job.toPrettyString()).isEqualTo("completed");
            assertThat(job.get("result").get("replies").asInt()).isEqualTo(TASKS);
            assertThat(db.count("select count(*) from app.job_events where job_id = ? and actor = 'janitor' and reason like '%doorbell re-sent'",
                    jobId)).as("re-rings recorded").isGreaterThanOrEqualTo(TASKS);
            assertThat(sent(api)).as("doorbells on the queue, all from the janitor").isBetween(1.0, (double) sweeps * PER_RING);
            assertThat(failed.get()).as("doorbells that failed to send").isGreaterThanOrEqualTo(TASKS);
        }
    }

    private static boolean isFinal(Api api, String jobId) {
        String status = api.get("/api/jobs/" + jobId).body().get("status").asText();
        return List.of("completed", "failed", "completed_with_errors").contains(status);
    }

    /** Doorbells this router put on the task queue (geoetl_task_queue_operations_total, operation send). */
    private static double sent(Api api) {
        String text = api.get("/api/metrics").text();
        Matcher line = Pattern.compile("^geoetl_task_queue_operations_total\\{operation=\"send\"\\} (\\S+)$", Pattern.MULTILINE).matcher(text);
        return line.find() ? Double.parseDouble(line.group(1)) : 0;
    }
}
