package io.geoetl.jobs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.geoetl.store.Database;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the task a queue message points at. The message is only a doorbell: the task is claimed
 * with one conditional UPDATE, so a duplicate, late or stale message finds nothing to claim and
 * is acknowledged without running anything.
 */
public final class TaskWorker implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(TaskWorker.class);
    private final Database db;
    private final JobTypeRegistry registry;
    private final JobProgression progression;
    private final TaskQueue queue;
    private final OrchestrationSettings settings;
    private final ScheduledExecutorService heartbeats = Executors.newScheduledThreadPool(1, runnable -> {
        Thread thread = new Thread(runnable, "geoetl-heartbeat");
        thread.setDaemon(true);
        return thread;
    });

    public TaskWorker(Database db, JobTypeRegistry registry, JobProgression progression, TaskQueue queue,
                      OrchestrationSettings settings) {
        this.db = db;
        this.registry = registry;
        this.progression = progression;
        this.queue = queue;
        this.settings = settings;
    }

    /** Handles one queue message body. Returns what happened, for logs and tests. */
    public Outcome handle(String messageBody) {
        TaskMessage message = TaskMessage.parse(messageBody);
        Optional<Claim> claim = claim(message);
        if (claim.isEmpty()) {
            LOG.debug("task {}: nothing to claim (duplicate, late or finished), message dropped", message.taskId());
            return Outcome.IGNORED;
        }
        return run(claim.get());
    }

    private Optional<Claim> claim(TaskMessage message) {
        return db.inTransaction(tx -> {
            Optional<Task> task = tx.tasks().claim(message.taskId(), settings.workerId());
            if (task.isEmpty()) {
                return Optional.empty();
            }
            Task claimed = task.get();
            Job job = tx.jobs().find(claimed.jobId()).orElseThrow();
            List<JobEvent> events = new ArrayList<>(2);
            events.add(JobEvent.of(claimed.jobId(), claimed.taskId(), null, TaskStatus.PROCESSING.dbName(),
                    claimed.attempt(), settings.workerId(), "claimed"));
            if (tx.jobs().markProcessing(claimed.jobId())) {
                events.add(JobEvent.of(claimed.jobId(), null, JobStatus.QUEUED.dbName(), JobStatus.PROCESSING.dbName(),
                        null, settings.workerId(), "first task claimed"));
            }
            tx.events().appendAll(events);
            return Optional.of(new Claim(claimed, job));
        });
    }

    private Outcome run(Claim claim) {
        Task task = claim.task();
        JobType type = registry.require(claim.job().jobType());
        TaskContext context = new TaskContext(task.jobId(), task.taskId(), task.stage(), task.taskIndex(), task.taskType(),
                task.attempt(), claim.job().parameters(), task.parameters());
        ScheduledFuture<?> heartbeat = startHeartbeat(task);
        JsonNode result;
        try {
            result = type.runTask(context);
        } catch (BadInputException e) {
            return failPermanently(task, "bad_input", e.getMessage());
        } catch (Exception e) {
            return failTransiently(task, e);
        } finally {
            heartbeat.cancel(false);
        }
        return complete(task, result == null ? Json.object() : result);
    }

    private Outcome complete(Task task, JsonNode result) {
        List<TaskMessage> next = db.inTransaction(tx -> {
            tx.lockJob(task.jobId());
            if (!tx.tasks().complete(task.taskId(), settings.workerId(), result)) {
                LOG.warn("task {}: claim was lost while running (janitor or retry took it), result discarded", task.taskId());
                return null;
            }
            tx.events().append(JobEvent.of(task.jobId(), task.taskId(), TaskStatus.PROCESSING.dbName(),
                    TaskStatus.COMPLETED.dbName(), task.attempt(), settings.workerId(), null));
            return progression.afterTaskEnded(tx, task.jobId());
        });
        if (next == null) {
            return Outcome.CLAIM_LOST;
        }
        queue.send(next, Duration.ZERO);
        return Outcome.COMPLETED;
    }

    private Outcome failTransiently(Task task, Exception cause) {
        String message = describe(cause);
        if (task.attempt() >= task.maxAttempts()) {
            return failPermanently(task, "attempts_exhausted",
                    "gave up after " + task.attempt() + " attempt(s): " + message);
        }
        Duration delay = settings.retryDelay(task.attempt());
        LOG.warn("task {} attempt {} failed, retrying in {}: {}", task.taskId(), task.attempt(), delay, message);
        boolean scheduled = db.inTransaction(tx -> {
            ObjectNode error = JobProgression.error("transient_error", message, task.taskId());
            error.put("attempt", task.attempt());
            if (!tx.tasks().scheduleRetry(task.taskId(), settings.workerId(), error, delay)) {
                return false;
            }
            tx.events().append(JobEvent.of(task.jobId(), task.taskId(), TaskStatus.PROCESSING.dbName(),
                    TaskStatus.RETRYING.dbName(), task.attempt(), settings.workerId(),
                    message + " (retry in " + delay.toSeconds() + " s)"));
            return true;
        });
        if (!scheduled) {
            return Outcome.CLAIM_LOST;
        }
        queue.send(List.of(new TaskMessage(task.jobId(), task.taskId())), delay);
        return Outcome.RETRY_SCHEDULED;
    }

    private Outcome failPermanently(Task task, String code, String message) {
        LOG.warn("task {} failed ({}): {}", task.taskId(), code, message);
        List<TaskMessage> next = db.inTransaction(tx -> {
            tx.lockJob(task.jobId());
            ObjectNode error = JobProgression.error(code, message, task.taskId());
            error.put("attempt", task.attempt());
            if (!tx.tasks().fail(task.taskId(), settings.workerId(), error)) {
                return null;
            }
            tx.events().append(JobEvent.of(task.jobId(), task.taskId(), TaskStatus.PROCESSING.dbName(),
                    TaskStatus.FAILED.dbName(), task.attempt(), settings.workerId(), message));
            Job job = tx.jobs().find(task.jobId()).orElseThrow();
            if (registry.require(job.jobType()).toleratesTaskFailures()) {
                return progression.afterTaskEnded(tx, task.jobId());
            }
            progression.failJob(tx, job, error, settings.workerId());
            return List.<TaskMessage>of();
        });
        if (next == null) {
            return Outcome.CLAIM_LOST;
        }
        queue.send(next, Duration.ZERO);
        return Outcome.FAILED;
    }

    private ScheduledFuture<?> startHeartbeat(Task task) {
        long every = settings.heartbeatInterval().toMillis();
        return heartbeats.scheduleAtFixedRate(() -> {
            try {
                if (!db.inTransaction(tx -> tx.tasks().heartbeat(task.taskId(), settings.workerId()))) {
                    LOG.warn("task {}: heartbeat refused, the claim was taken away", task.taskId());
                }
            } catch (RuntimeException e) {
                LOG.warn("task {}: heartbeat failed: {}", task.taskId(), e.getMessage());
            }
        }, every, every, TimeUnit.MILLISECONDS);
    }

    private static String describe(Throwable e) {
        String message = e.getMessage();
        return e.getClass().getSimpleName() + (message == null ? "" : ": " + message);
    }

    @Override
    public void close() {
        heartbeats.shutdownNow();
    }

    /** What handling one message did. */
    public enum Outcome { IGNORED, COMPLETED, RETRY_SCHEDULED, FAILED, CLAIM_LOST }

    private record Claim(Task task, Job job) {}
}
