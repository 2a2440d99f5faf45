package io.geoetl.jobs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Claims due tasks from the database and runs them. Queue messages are only doorbells (see
 * {@link TaskClaimer}): a task is claimed by one conditional UPDATE (FOR UPDATE SKIP LOCKED in
 * batches), so duplicate or late doorbells find nothing to claim. While a task runs, a timer
 * refreshes its heartbeat; a router that shuts down hands unfinished tasks back after a grace period.
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
    private final ClaimedStages claimedStages = new ClaimedStages();
    private volatile boolean closing;
    /** This router's claimer: rung when a task it ran planned new tasks (the queue's doorbells go to every router). */
    private volatile ClaimLoop claimLoop = ClaimLoop.NONE;
    private final TaskCompletions completions;
    private final ScheduledExecutorService timers = Executors.newScheduledThreadPool(1, runnable -> {
        Thread thread = new Thread(runnable, "geoetl-heartbeat");
        thread.setDaemon(true);
        return thread;
    });

    public TaskWorker(OrchestrationDatabase db, JobTypeRegistry registry, JobProgression progression, TaskQueue queue,
                      OrchestrationSettings settings, WaitForDatabase patience, JobMetrics metrics, Duration commitGather) {
        this.db = db;
        this.registry = registry;
        this.progression = progression;
        this.queue = queue;
        this.settings = settings;
        this.patience = patience;
        this.metrics = metrics;
        this.completions = new TaskCompletions(db, patience, settings.workerId(), new TaskCompletions.Commits() {
            @Override
            public long mayClaimSince() {
                return closing ? -1 : claimLoop.mayClaimSince();
            }

            @Override
            public void drained(long seen) {
                claimLoop.drained(seen);
            }

            @Override
            public List<Claim> claim(OrchestrationTx tx, int max) {
                return recordClaims(tx, tx.tasks().claimDue(settings.workerId(), max));
            }

            @Override
            public void stageDone(JobStage stage) {
                ringFor(patience.call("advance " + stage.jobId(), () -> db.inTransaction(tx -> progression.afterTaskEnded(tx, stage.jobId()))));
            }
        }, claimedStages, commitGather);
    }

    /** What the worker needs from the claim loop of its router ({@link TaskClaimer}). */
    interface ClaimLoop {
        ClaimLoop NONE = new ClaimLoop() {
            @Override
            public void ring() {
            }

            @Override
            public long mayClaimSince() {
                return -1;
            }

            @Override
            public void drained(long seen) {
            }
        };

        /** There may be due tasks. */
        void ring();

        /** The ring count when claiming may find due tasks; -1 when the last claim found none since the last ring. */
        long mayClaimSince();

        /** A claim that started at ring count {@code seen} found fewer due tasks than it wanted. */
        void drained(long seen);
    }

    /**
     * Claims up to {@code max} due tasks for this router in one transaction (none while it shuts
     * down). When the batch claim itself throws, one task may be at fault: the due tasks are then
     * claimed one by one, and a task whose claim throws is handed to {@code failures}, which
     * counts it and parks it after the configured number of tries.
     */
    List<Claim> claimDue(int max, ClaimFailures failures) {
        if (closing) return List.of();
        try {
            List<Claim> claims = patience.call("claim", () -> db.inTransaction(tx -> recordClaims(tx, tx.tasks().claimDue(settings.workerId(), max))));
            claimedStages.add(claims);
            return claims;
        } catch (RuntimeException e) {
            if (DatabaseFailure.isUnavailable(e)) throw e;
            LOG.warn("claiming {} task(s) failed ({}); claiming them one by one", max, describe(e));
        }
        List<Claim> claims = new ArrayList<>();
        for (TaskMessage due : patience.call("list due tasks", () -> db.inTransaction(tx -> tx.tasks().dueTasks(max)))) {
            try {
                List<Claim> one = patience.call("claim " + due.taskId(), () -> db.inTransaction(tx ->
                        recordClaims(tx, tx.tasks().claim(due.taskId(), settings.workerId()).stream().toList())));
                claimedStages.add(one);
                claims.addAll(one);
            } catch (RuntimeException e) {
                if (DatabaseFailure.isUnavailable(e)) throw e;
                failures.claimFailed(due, e);
            }
        }
        return claims;
    }

    /** {@code loop} is rung when a task this router ran planned new tasks, and lets completions claim next tasks. */
    void attach(ClaimLoop loop) {
        this.claimLoop = loop;
    }

    private void ringFor(List<TaskMessage> next) {
        if (next.isEmpty()) return;
        claimLoop.ring(); // this router starts at once; the queue's doorbells bring the others
        queue.send(next, Duration.ZERO);
    }

    /** True once this router stopped taking work. */
    boolean closing() {
        return closing;
    }

    /**
     * This router is stopping: take no new task, let running ones finish for up to {@code grace},
     * then hand the rest back (task queued again, doorbell re-sent) so another router takes them at
     * once. Returns when every running task finished or was handed back.
     */
    public void shutdown(Duration grace) {
        closing = true;
        if (running.isEmpty()) return;
        LOG.info("shutting down: {} task(s) running, waiting up to {} before handing them back", running.snapshot().size(), grace);
        long deadline = System.nanoTime() + grace.toNanos();
        while (!running.isEmpty() && System.nanoTime() < deadline) {
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        releaseRunning();
    }

    private List<Claim> recordClaims(OrchestrationTx tx, List<Task> claimed) {
        if (claimed.isEmpty()) return List.of();
        List<JobEvent> events = new ArrayList<>(claimed.size() + 1);
        Map<String, Job> jobs = new HashMap<>();
        for (JobStore.ClaimedJob job : tx.jobs().markProcessing(claimed.stream().map(Task::jobId).distinct().toList())) {
            jobs.put(job.job().jobId(), job.job());
            if (job.startedNow()) {
                events.add(JobEvent.of(job.job().jobId(), null, JobStatus.QUEUED.dbName(), JobStatus.PROCESSING.dbName(),
                        null, settings.workerId(), "first task claimed"));
            }
        }
        List<Claim> claims = new ArrayList<>(claimed.size());
        for (Task task : claimed) {
            events.add(JobEvent.of(task.jobId(), task.taskId(), null, TaskStatus.PROCESSING.dbName(),
                    task.attempt(), settings.workerId(), "claimed"));
            claims.add(new Claim(task, jobs.get(task.jobId())));
        }
        tx.events().appendAll(events);
        return claims;
    }

    /**
     * Runs a claimed task to its end; a task claimed while the router began to stop is handed back
     * at once. Returns the runner's next task when the completion claimed one, else null.
     */
    Claim run(Claim claim) {
        try (TaskLogContext ignored = TaskLogContext.open(claim.task().jobId(), claim.task().taskId(), claim.job().jobType())) {
            return runClaimed(claim);
        } finally {
            claimedStages.remove(claim.task()); // whatever the outcome, this router no longer holds the task
        }
    }

    private Claim runClaimed(Claim claim) {
        Task task = claim.task();
        if (closing) {
            releaseRunning(List.of(new RunningTasks.Entry(task, Thread.currentThread())));
            Thread.interrupted(); // the release interrupted this very thread
            return null;
        }
        TaskContext context = new TaskContext(task.jobId(), task.taskId(), task.stage(), task.taskIndex(), task.taskType(),
                task.attempt(), claim.job().parameters(), task.parameters());
        long started = System.nanoTime();
        RunningTasks.Entry entry = running.add(task);
        ScheduledFuture<?> heartbeat = startHeartbeat(task);
        Outcome outcome;
        Claim next = null;
        try {
            JsonNode result = registry.require(claim.job().jobType()).runTask(context);
            TaskCompletions.Completion completion = completions.complete(task,
                    new TaskResult(task.taskId(), task.attempt(), result == null ? Json.object() : result));
            outcome = completion.completed() ? Outcome.COMPLETED : Outcome.CLAIM_LOST;
            next = completion.next();
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
        return next;
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
        completions.ended(task); // another task of the stage may have skipped its check while this one was held
        ringFor(next);
        return Outcome.FAILED;
    }

    /** Shutdown grace is over: every attempt still running goes back to the queue, its thread is interrupted. */
    private void releaseRunning() {
        releaseRunning(running.snapshot());
    }

    private void releaseRunning(List<RunningTasks.Entry> entries) {
        if (entries.isEmpty()) return;
        List<TaskMessage> doorbells = new ArrayList<>();
        for (RunningTasks.Entry entry : entries) {
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
        completions.close();
        timers.shutdownNow();
    }

    /** What a doorbell or a claimed task came to. */
    public enum Outcome {
        RUNG, EARLY, UNKNOWN_TASK, COMPLETED, RETRY_SCHEDULED, FAILED, CLAIM_LOST, RELEASED, POISONED;

        String metricName() {
            return this == RETRY_SCHEDULED ? "retrying" : name().toLowerCase();
        }
    }

    /** A task this router claimed, with its job. */
    record Claim(Task task, Job job) {}
}
