package io.geoetl.jobs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the task a queue message points at. The message is only a doorbell: the task is claimed
 * with one conditional UPDATE, so a duplicate, late or stale message finds nothing to claim and
 * is acknowledged without running anything. While a task runs, a timer refreshes its heartbeat;
 * a router that shuts down hands unfinished tasks back to the queue after a grace period.
 */
public final class TaskWorker implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(TaskWorker.class);
    private final OrchestrationDatabase db;
    private final JobTypeRegistry registry;
    private final JobProgression progression;
    private final TaskQueue queue;
    private final OrchestrationSettings settings;
    private final WaitForDatabase patience;
    private final JobMetrics metrics;
    private final RunningTasks running = new RunningTasks();
    private volatile boolean closing;
    private final ScheduledExecutorService timers = Executors.newScheduledThreadPool(1, runnable -> {
        Thread thread = new Thread(runnable, "geoetl-heartbeat");
        thread.setDaemon(true);
        return thread;
    });

    public TaskWorker(OrchestrationDatabase db, JobTypeRegistry registry, JobProgression progression, TaskQueue queue,
                      OrchestrationSettings settings, WaitForDatabase patience, JobMetrics metrics) {
        this.db = db;
        this.registry = registry;
        this.progression = progression;
        this.queue = queue;
        this.settings = settings;
        this.patience = patience;
        this.metrics = metrics;
    }

    /** Handles one doorbell. Returns what happened, for logs and tests. */
    public Outcome handle(TaskMessage message) {
        if (closing) {
            // this router is stopping: give the doorbell back at once rather than start new work
            queue.send(List.of(message), Duration.ZERO);
            return Outcome.RELEASED;
        }
        Claim claim = patience.call("claim " + message.taskId(), () -> claim(message));
        if (claim.task() == null) {
            if (!claim.taskExists()) return Outcome.UNKNOWN_TASK;
            if (claim.dueIn() != null) {
                queue.send(List.of(message), claim.dueIn()); // arrived early: ring again when it is due
                return Outcome.EARLY;
            }
            LOG.debug("task {}: nothing to claim (duplicate, late or finished), message dropped", message.taskId());
            return Outcome.IGNORED;
        }
        try (TaskLogContext ignored = TaskLogContext.open(claim.task().jobId(), claim.task().taskId(), claim.job().jobType())) {
            return run(claim);
        }
    }

    /**
     * This router is stopping: take no new task, let running ones finish for {@code grace}, then
     * hand the rest back (task queued again, doorbell re-sent) so another router takes them at once.
     */
    public void beginShutdown(Duration grace) {
        closing = true;
        if (running.isEmpty()) return;
        LOG.info("shutting down: {} task(s) running, waiting up to {} before handing them back", running.snapshot().size(), grace);
        timers.schedule(this::releaseRunning, grace.toMillis(), TimeUnit.MILLISECONDS);
    }

    private Claim claim(TaskMessage message) {
        return db.inTransaction(tx -> {
            Task claimed = tx.tasks().claim(message.taskId(), settings.workerId()).orElse(null);
            if (claimed == null) {
                return new Claim(null, null, tx.tasks().exists(message.taskId()), tx.tasks().dueIn(message.taskId()).orElse(null));
            }
            Job job = tx.jobs().find(claimed.jobId()).orElseThrow();
            List<JobEvent> events = new ArrayList<>(2);
            events.add(JobEvent.of(claimed.jobId(), claimed.taskId(), null, TaskStatus.PROCESSING.dbName(),
                    claimed.attempt(), settings.workerId(), "claimed"));
            if (tx.jobs().markProcessing(claimed.jobId())) {
                events.add(JobEvent.of(claimed.jobId(), null, JobStatus.QUEUED.dbName(), JobStatus.PROCESSING.dbName(),
                        null, settings.workerId(), "first task claimed"));
            }
            tx.events().appendAll(events);
            return new Claim(claimed, job, true, null);
        });
    }

    private Outcome run(Claim claim) {
        Task task = claim.task();
        TaskContext context = new TaskContext(task.jobId(), task.taskId(), task.stage(), task.taskIndex(), task.taskType(),
                task.attempt(), claim.job().parameters(), task.parameters());
        long started = System.nanoTime();
        RunningTasks.Entry entry = running.add(task);
        ScheduledFuture<?> heartbeat = startHeartbeat(task);
        Outcome outcome;
        try {
            JsonNode result = registry.require(claim.job().jobType()).runTask(context);
            outcome = complete(task, result == null ? Json.object() : result);
        } catch (BadInputException e) {
            outcome = entry.released ? Outcome.RELEASED : failPermanently(task, "bad_input", e.getMessage());
        } catch (Exception e) {
            outcome = entry.released ? Outcome.RELEASED : failTransiently(task, e);
        } finally {
            heartbeat.cancel(false);
            running.remove(entry);
            Thread.interrupted(); // a release interrupts the handler; the pool thread must not keep the flag
        }
        metrics.taskEnded(claim.job().jobType(), task.taskType(), outcome.metricName(), Duration.ofNanos(System.nanoTime() - started));
        return outcome;
    }

    private Outcome complete(Task task, JsonNode result) {
        List<TaskMessage> next = patience.call("complete " + task.taskId(), () -> db.inTransaction(tx -> {
            tx.lockJob(task.jobId());
            if (!tx.tasks().complete(task.taskId(), settings.workerId(), task.attempt(), result)) {
                LOG.warn("task {}: claim was lost while running (janitor, shutdown or retry took it), result discarded", task.taskId());
                return null;
            }
            tx.events().append(JobEvent.of(task.jobId(), task.taskId(), TaskStatus.PROCESSING.dbName(),
                    TaskStatus.COMPLETED.dbName(), task.attempt(), settings.workerId(), null));
            return progression.afterTaskEnded(tx, task.jobId());
        }));
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
        boolean scheduled = patience.call("retry " + task.taskId(), () -> db.inTransaction(tx -> {
            ObjectNode error = JobProgression.error("transient_error", message, task.taskId());
            error.put("attempt", task.attempt());
            if (!tx.tasks().scheduleRetry(task.taskId(), settings.workerId(), task.attempt(), error, delay)) {
                return false;
            }
            tx.events().append(JobEvent.of(task.jobId(), task.taskId(), TaskStatus.PROCESSING.dbName(),
                    TaskStatus.RETRYING.dbName(), task.attempt(), settings.workerId(),
                    message + " (retry in " + delay.toSeconds() + " s)"));
            return true;
        }));
        if (!scheduled) {
            return Outcome.CLAIM_LOST;
        }
        queue.send(List.of(new TaskMessage(task.jobId(), task.taskId())), delay);
        return Outcome.RETRY_SCHEDULED;
    }

    private Outcome failPermanently(Task task, String code, String message) {
        LOG.warn("task {} failed ({}): {}", task.taskId(), code, message);
        List<TaskMessage> next = patience.call("fail " + task.taskId(), () -> db.inTransaction(tx -> {
            tx.lockJob(task.jobId());
            ObjectNode error = JobProgression.error(code, message, task.taskId());
            error.put("attempt", task.attempt());
            if (!tx.tasks().fail(task.taskId(), settings.workerId(), task.attempt(), error)) {
                return null;
            }
            tx.events().append(JobEvent.of(task.jobId(), task.taskId(), TaskStatus.PROCESSING.dbName(),
                    TaskStatus.FAILED.dbName(), task.attempt(), settings.workerId(), message));
            return progression.afterTaskFailed(tx, task.jobId(), error, settings.workerId());
        }));
        if (next == null) {
            return Outcome.CLAIM_LOST;
        }
        queue.send(next, Duration.ZERO);
        return Outcome.FAILED;
    }

    /** Shutdown grace is over: every attempt still running goes back to the queue, its thread is interrupted. */
    private void releaseRunning() {
        List<TaskMessage> doorbells = new ArrayList<>();
        for (RunningTasks.Entry entry : running.snapshot()) {
            Task task = entry.task;
            entry.released = true;
            try {
                boolean released = db.inTransaction(tx -> {
                    if (!tx.tasks().release(task.taskId(), settings.workerId(), task.attempt())) return false;
                    tx.events().append(JobEvent.of(task.jobId(), task.taskId(), TaskStatus.PROCESSING.dbName(),
                            TaskStatus.QUEUED.dbName(), task.attempt(), settings.workerId(),
                            "released: router shutting down before the task finished (attempt not counted)"));
                    return true;
                });
                if (released) {
                    doorbells.add(new TaskMessage(task.jobId(), task.taskId()));
                    entry.thread.interrupt();
                }
            } catch (RuntimeException e) {
                LOG.warn("task {}: could not be released ({}); the janitor will requeue it when its heartbeat is stale",
                        task.taskId(), e.getMessage());
            }
        }
        queue.send(doorbells, Duration.ZERO);
        LOG.info("shutting down: {} unfinished task(s) handed back to the queue", doorbells.size());
    }

    private ScheduledFuture<?> startHeartbeat(Task task) {
        long every = settings.heartbeatInterval().toMillis();
        return timers.scheduleAtFixedRate(TaskLogContext.carry(() -> {
            try {
                if (!db.inTransaction(tx -> tx.tasks().heartbeat(task.taskId(), settings.workerId(), task.attempt()))) {
                    LOG.warn("task {}: heartbeat refused, the claim was taken away", task.taskId());
                }
            } catch (RuntimeException e) {
                LOG.warn("task {}: heartbeat failed: {}", task.taskId(), e.getMessage());
            }
        }), every, every, TimeUnit.MILLISECONDS);
    }

    static String describe(Throwable e) {
        String message = e.getMessage();
        return e.getClass().getSimpleName() + (message == null ? "" : ": " + message);
    }

    @Override
    public void close() {
        timers.shutdownNow();
    }

    /** What handling one message did. */
    public enum Outcome {
        IGNORED, EARLY, UNKNOWN_TASK, COMPLETED, RETRY_SCHEDULED, FAILED, CLAIM_LOST, RELEASED, POISONED;

        String metricName() {
            return this == RETRY_SCHEDULED ? "retrying" : name().toLowerCase();
        }
    }

    /** A claimed task and its job; {@code task} null when nothing was claimed ({@code dueIn}: not due yet). */
    private record Claim(Task task, Job job, boolean taskExists, Duration dueIn) {}
}
