package io.geoetl.jobs;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Group commit of task completions. Runners hand over what their tasks returned and wait; one
 * thread commits everything handed over so far in one transaction: one UPDATE for all of them,
 * their events, and the claims of the runners' next tasks. After the commit it checks once which
 * of the stages it touched are done and hands those to {@link StageMoves}, whose thread moves
 * them on. On a busy router one transaction thus carries several tasks, and a runner gets its
 * next task from the transaction that completed its last one, instead of a complete, a stage
 * check and a claim of its own for every task.
 * <p>
 * What a single completion guarantees holds per task: a completion counts only for the router
 * and the attempt that hold the claim (a lost claim discards that task's result alone), and the
 * stage check runs after the commit that ended the task, so the last task of a stage, on
 * whichever router it ran, always sees the stage done.
 */
final class TaskCompletions implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(TaskCompletions.class);
    private final OrchestrationDatabase db;
    private final WaitForDatabase patience;
    private final String workerId;
    private final Commits commits;
    private final ClaimedStages claimedStages;
    private final long gatherNanos;
    private final StageMoves stageMoves;
    private final BlockingQueue<Request> pending = new LinkedBlockingQueue<>();
    private volatile boolean stopped;
    private final Thread committer;

    /** What the committer needs from the router: events, claims, stage moves. */
    interface Commits {
        /** The ring count when the runners may claim their next tasks now; -1 when not (nothing due, or stopping). */
        long mayClaimSince();

        /** A claim that started at ring count {@code seen} came back short. */
        void drained(long seen);

        /** Claims up to {@code max} due tasks for this router inside {@code tx}, with their events. */
        List<TaskWorker.Claim> claim(OrchestrationTx tx, int max);

        /** Every task of this stage is finished: plan the next one or finish the job (on the stage mover's thread). */
        void stageDone(JobStage stage);
    }

    /** {@code completed} false: the claim was lost and the result discarded. {@code next}: the runner's next task, or null. */
    record Completion(boolean completed, TaskWorker.Claim next) {}

    private record Request(Task task, TaskResult result, CompletableFuture<Completion> answer) {}

    private record Committed(Set<String> completed, List<TaskWorker.Claim> claims) {}

    /**
     * {@code gather}: how long a commit may wait for the completions of tasks this router is still
     * running (see {@link #gather}); zero commits whatever is handed over at once.
     */
    TaskCompletions(OrchestrationDatabase db, WaitForDatabase patience, String workerId, Commits commits, ClaimedStages claimedStages,
                    Duration gather) {
        this.db = db;
        this.patience = patience;
        this.workerId = workerId;
        this.commits = commits;
        this.claimedStages = claimedStages;
        this.gatherNanos = gather.toNanos();
        this.stageMoves = new StageMoves(commits::stageDone);
        this.committer = new Thread(this::loop, "geoetl-completer");
        committer.setDaemon(true);
        committer.start();
    }

    /** Completes {@code task} with {@code result} (waits for the commit that does it); throws when the database stays away. */
    Completion complete(Task task, TaskResult result) {
        CompletableFuture<Completion> answer = new CompletableFuture<>();
        pending.add(new Request(task, result, answer));
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    return answer.get();
                } catch (InterruptedException e) {
                    interrupted = true; // a shutdown release: the commit decides, the flag is kept for the caller
                } catch (ExecutionException e) {
                    throw e.getCause() instanceof RuntimeException runtime ? runtime : new IllegalStateException(e.getCause());
                }
            }
        } finally {
            if (interrupted) Thread.currentThread().interrupt();
        }
    }

    private void loop() {
        while (!stopped) {
            List<Request> batch = new ArrayList<>();
            try {
                batch.add(pending.take());
            } catch (InterruptedException e) {
                return;
            }
            pending.drainTo(batch);
            try {
                gather(batch);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt(); // stopping: commit what was handed over, then leave
            }
            try {
                commit(batch);
            } catch (RuntimeException e) {
                batch.forEach(request -> request.answer().completeExceptionally(e));
            }
        }
    }

    /**
     * Waits up to the gather time for the completions of the other tasks this router holds, so that
     * one commit carries them all. Without it, the runners that a commit answered hand in their next
     * results a few microseconds apart and the completer, taking the first at once, commits them in
     * several small transactions: with two routers on two cores each commit got faster, so each
     * carried fewer tasks and the work per task grew. Stops as soon as every held task has handed in
     * (a router running long tasks waits at most the gather time per commit).
     */
    private void gather(List<Request> batch) throws InterruptedException {
        long deadline = System.nanoTime() + gatherNanos;
        while (batch.size() < claimedStages.size()) {
            long left = deadline - System.nanoTime();
            if (left <= 0) return;
            Request next = pending.poll(left, TimeUnit.NANOSECONDS);
            if (next == null) return;
            batch.add(next);
            pending.drainTo(batch);
        }
    }

    private void commit(List<Request> batch) {
        long seen = commits.mayClaimSince();
        int wanted = seen < 0 ? 0 : batch.size();
        Committed committed;
        try {
            committed = patience.call("complete " + batch.size() + " task(s)", () -> db.inTransaction(tx -> commitIn(tx, batch, wanted)));
        } catch (RuntimeException e) {
            if (DatabaseFailure.isUnavailable(e)) throw e;
            // one of them may be at fault: each on its own, without claims (the claimer takes over)
            LOG.warn("completing {} task(s) together failed ({}); completing them one by one", batch.size(), TaskWorker.describe(e));
            commitOneByOne(batch);
            return;
        }
        if (committed.claims().size() < wanted) commits.drained(seen);
        batch.forEach(request -> claimedStages.remove(request.task()));
        claimedStages.add(committed.claims());
        moveDoneStages(batch, committed.completed());
        List<TaskWorker.Claim> claims = new ArrayList<>(committed.claims());
        for (Request request : batch) {
            TaskWorker.Claim next = claims.isEmpty() ? null : claims.remove(claims.size() - 1);
            request.answer().complete(new Completion(committed.completed().contains(request.task().taskId()), next));
        }
    }

    private Committed commitIn(OrchestrationTx tx, List<Request> batch, int claims) {
        Set<String> completed = tx.tasks().completeAll(workerId, batch.stream().map(Request::result).toList());
        List<JobEvent> events = new ArrayList<>(completed.size());
        for (Request request : batch) {
            Task task = request.task();
            if (!completed.contains(task.taskId())) {
                LOG.warn("task {}: claim was lost while running (janitor, shutdown or retry took it), result discarded", task.taskId());
                continue;
            }
            events.add(JobEvent.of(task.jobId(), task.taskId(), TaskStatus.PROCESSING.dbName(), TaskStatus.COMPLETED.dbName(),
                    task.attempt(), workerId, null));
        }
        tx.events().appendAll(events);
        return new Committed(completed, claims == 0 ? List.of() : commits.claim(tx, claims));
    }

    private void commitOneByOne(List<Request> batch) {
        for (Request request : batch) {
            try {
                Committed one = patience.call("complete " + request.task().taskId(),
                        () -> db.inTransaction(tx -> commitIn(tx, List.of(request), 0)));
                claimedStages.remove(request.task());
                moveDoneStages(List.of(request), one.completed());
                request.answer().complete(new Completion(one.completed().contains(request.task().taskId()), null));
            } catch (RuntimeException e) {
                request.answer().completeExceptionally(e);
            }
        }
    }

    /**
     * {@code task} ended otherwise than through a completion (it failed for good) and that ending
     * has committed: its stage is checked as after a completion.
     */
    void ended(Task task) {
        claimedStages.remove(task);
        moveDoneStages(Set.of(ClaimedStages.stageOf(task)));
    }

    private void moveDoneStages(List<Request> batch, Set<String> completed) {
        Set<JobStage> touched = new LinkedHashSet<>();
        for (Request request : batch) {
            if (completed.contains(request.task().taskId())) touched.add(ClaimedStages.stageOf(request.task()));
        }
        moveDoneStages(touched);
    }

    /**
     * After the commit: of the stages touched, those that have nothing left to run are handed to
     * the stage mover. A stage of which this router still holds a task is not checked: that task's
     * own ending checks it (on a busy stage, nearly every commit claims the runners' next tasks
     * from the stage it completed, so most commits need no check). A failure here leaves a done
     * stage that did not move on: the janitor moves it (moveStuckJobs).
     */
    private void moveDoneStages(Set<JobStage> stages) {
        Set<JobStage> touched = new LinkedHashSet<>(stages);
        touched.removeIf(claimedStages::holds);
        if (touched.isEmpty()) return;
        List<JobStage> done;
        try {
            done = patience.call("check " + touched.size() + " stage(s)", () -> db.inTransaction(tx -> tx.tasks().stagesDone(touched)));
        } catch (RuntimeException e) {
            LOG.warn("checking whether {} stage(s) are done failed: {}; the janitor moves them on", touched.size(), TaskWorker.describe(e));
            return;
        }
        done.forEach(stageMoves::add);
    }

    @Override
    public void close() {
        stopped = true;
        committer.interrupt();
        stageMoves.close();
    }
}
