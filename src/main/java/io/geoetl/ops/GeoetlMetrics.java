package io.geoetl.ops;

import io.geoetl.jobs.JobMetrics;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.List;
import java.util.function.IntSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * geoetl's own meters, exposed with Camel's route metrics at GET /api/metrics (Prometheus text):
 * <ul>
 *   <li>{@code geoetl_jobs_total{job_type, outcome}}: jobs that reached a final status</li>
 *   <li>{@code geoetl_job_retries_total{job_type}}: failed jobs started again</li>
 *   <li>{@code geoetl_tasks_total{job_type, task_type, outcome}}: task attempts by how they ended
 *       (completed, retrying, failed, claim_lost, released)</li>
 *   <li>{@code geoetl_task_duration_seconds{job_type, task_type, outcome}}: how long attempts ran</li>
 *   <li>{@code geoetl_queue_depth{queue}}: approximate messages waiting (tasks and poison queues)</li>
 *   <li>{@code geoetl_janitor_actions_total{action}}: janitor repairs by kind</li>
 *   <li>{@code geoetl_task_queue_operations_total{operation}}: task queue calls (send, receive = one poll, delete)</li>
 * </ul>
 */
public final class GeoetlMetrics implements JobMetrics {
    private static final Logger LOG = LoggerFactory.getLogger(GeoetlMetrics.class);
    private final MeterRegistry registry;

    /** The kinds of janitor repairs; their counters exist (at 0) from start-up on. */
    public static final List<String> JANITOR_ACTIONS = List.of(
            "task_requeued", "task_failed", "doorbell_resent", "stage_advanced", "job_closed");

    public GeoetlMetrics(MeterRegistry registry) {
        this.registry = registry;
        JANITOR_ACTIONS.forEach(kind -> janitorCounter(kind));
    }

    @Override
    public void taskEnded(String jobType, String taskType, String outcome, Duration took) {
        Counter.builder("geoetl.tasks").description("Task attempts by how they ended")
                .tags("job_type", jobType, "task_type", taskType, "outcome", outcome).register(registry).increment();
        Timer.builder("geoetl.task.duration").description("How long task attempts ran")
                .tags("job_type", jobType, "task_type", taskType, "outcome", outcome).register(registry).record(took);
    }

    @Override
    public void jobEnded(String jobType, String status) {
        Counter.builder("geoetl.jobs").description("Jobs that reached a final status")
                .tags("job_type", jobType, "outcome", status).register(registry).increment();
    }

    @Override
    public void jobRetried(String jobType) {
        Counter.builder("geoetl.job.retries").description("Failed jobs started again")
                .tags("job_type", jobType).register(registry).increment();
    }

    @Override
    public void taskQueueOperations(String operation, int count) {
        Counter.builder("geoetl.task.queue.operations").description("Calls to the task queue (send, receive = one poll, delete)")
                .tags("operation", operation).register(registry).increment(count);
    }

    public void janitorAction(String kind) {
        janitorCounter(kind).increment();
    }

    private Counter janitorCounter(String kind) {
        return Counter.builder("geoetl.janitor.actions").description("Janitor repairs by kind").tags("action", kind).register(registry);
    }

    /** A gauge read at scrape time; a queue that does not answer reads as NaN (and one log line). */
    public void queueDepth(String queue, IntSupplier depth) {
        Gauge.builder("geoetl.queue.depth", () -> {
                    try {
                        return depth.getAsInt();
                    } catch (RuntimeException e) {
                        LOG.debug("queue {} depth unknown: {}", queue, e.getMessage());
                        return Double.NaN;
                    }
                }).description("Approximate number of messages waiting").tags("queue", queue).register(registry);
    }
}
