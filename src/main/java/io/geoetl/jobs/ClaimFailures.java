package io.geoetl.jobs;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A task whose claim throws (a broken row, a trigger, a bug in the claim path) must not block the
 * claims of every other task, nor circle forever. Each failed claim is counted on the task
 * (app.tasks.claim_failures) and the task is due again after {@code pause}, with a doorbell rung
 * for then; the {@code poisonAfter}-th failure parks a record of the task in the poison queue and
 * fails it (code poison_message), its job as any failed task would.
 */
public final class ClaimFailures {
    private static final Logger LOG = LoggerFactory.getLogger(ClaimFailures.class);
    private final OrchestrationDatabase db;
    private final JobProgression progression;
    private final TaskQueue queue;
    private final PoisonQueue poison;
    private final String actor;
    private final int poisonAfter;
    private final Duration pause;

    public ClaimFailures(OrchestrationDatabase db, JobProgression progression, TaskQueue queue, PoisonQueue poison, String actor,
                         int poisonAfter, Duration pause) {
        this.db = db;
        this.progression = progression;
        this.queue = queue;
        this.poison = poison;
        this.actor = actor;
        this.poisonAfter = poisonAfter;
        this.pause = pause;
    }

    /** The claim of {@code task} threw {@code error} (not an unreachable database). */
    void claimFailed(TaskMessage task, RuntimeException error) {
        int failures = db.inTransaction(tx -> tx.tasks().recordClaimFailure(task.taskId(), pause));
        if (failures == 0) return; // no longer waiting: someone else settled it
        if (failures < poisonAfter) {
            LOG.warn("task {}: claim {} of {} failed ({}); trying again in {}", task.taskId(), failures, poisonAfter,
                    TaskWorker.describe(error), pause);
            queue.send(List.of(task), pause);
            return;
        }
        String reason = "delivered " + failures + " times, failed each time before reaching its handler; last error: "
                + TaskWorker.describe(error);
        LOG.warn("poison task {}: {}", task.taskId(), reason);
        poison.put(task.toJson(), reason, task.taskId(), failures);
        failTask(task, reason);
    }

    private void failTask(TaskMessage task, String reason) {
        try {
            List<TaskMessage> next = db.inTransaction(tx -> {
                tx.lockJob(task.jobId());
                ObjectNode error = JobProgression.error("poison_message", reason, task.taskId());
                Task failed = tx.tasks().failWaiting(task.taskId(), error).orElse(null);
                if (failed == null) return List.<TaskMessage>of();
                tx.events().append(JobEvent.of(failed.jobId(), failed.taskId(), null, TaskStatus.FAILED.dbName(),
                        failed.attempt(), actor, "poison message: " + reason));
                return progression.afterTaskFailed(tx, failed.jobId(), error, actor);
            });
            queue.send(next, Duration.ZERO);
        } catch (RuntimeException e) {
            LOG.warn("task {}: could not be failed after it was parked: {}", task.taskId(), e.getMessage());
        }
    }
}
