package io.geoetl.jobs;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * First stop of a message from the task queue. Messages that can never reach a task handler go to
 * the poison queue instead of circling forever:
 * <ul>
 *   <li>an undecodable body, or one naming a task that does not exist: at once (retrying cannot help);</li>
 *   <li>a message whose handling threw before or after its handler (claim path, bookkeeping): thrown
 *       back to the queue, which hands it out again after the visibility timeout, until the
 *       {@code poisonAfter}-th delivery, which parks it and fails its task with the reason.</li>
 * </ul>
 * When the database itself was unreachable the task is left as it is: nothing is wrong with it,
 * and the janitor re-sends its doorbell once the database is back.
 */
public final class DoorbellReceiver {
    private static final Logger LOG = LoggerFactory.getLogger(DoorbellReceiver.class);
    private final TaskWorker worker;
    private final PoisonQueue poison;
    private final OrchestrationDatabase db;
    private final JobProgression progression;
    private final TaskQueue queue;
    private final String actor;
    private final int poisonAfter;

    public DoorbellReceiver(TaskWorker worker, PoisonQueue poison, OrchestrationDatabase db, JobProgression progression, TaskQueue queue,
                            String actor, int poisonAfter) {
        this.worker = worker;
        this.poison = poison;
        this.db = db;
        this.progression = progression;
        this.queue = queue;
        this.actor = actor;
        this.poisonAfter = poisonAfter;
    }

    /** Handles one message; {@code dequeueCount} is the queue's delivery count (1 the first time). */
    public TaskWorker.Outcome receive(String body, Long dequeueCount) {
        long deliveries = dequeueCount == null ? 1 : dequeueCount;
        TaskMessage message;
        try {
            message = TaskMessage.parse(body);
        } catch (IllegalArgumentException e) {
            return park(body, e.getMessage(), null, deliveries);
        }
        try {
            TaskWorker.Outcome outcome = worker.handle(message);
            if (outcome == TaskWorker.Outcome.UNKNOWN_TASK) {
                return park(body, "task " + message.taskId() + " does not exist (its job was deleted, or the message was not sent by geoetl)",
                        message.taskId(), deliveries);
            }
            return outcome;
        } catch (RuntimeException e) {
            if (deliveries < poisonAfter) {
                LOG.warn("task {}: delivery {} of {} failed before its handler ({}); the queue hands it out again",
                        message.taskId(), deliveries, poisonAfter, TaskWorker.describe(e));
                throw e;
            }
            String reason = "delivered " + deliveries + " times, failed each time before reaching its handler; last error: "
                    + TaskWorker.describe(e);
            park(body, reason, message.taskId(), deliveries);
            if (DatabaseFailure.isUnavailable(e)) {
                LOG.warn("task {}: left as it is because the database was unreachable; the janitor re-sends its doorbell", message.taskId());
            } else {
                failTask(message, reason);
            }
            return TaskWorker.Outcome.POISONED;
        }
    }

    private TaskWorker.Outcome park(String body, String reason, String taskId, long deliveries) {
        LOG.warn("poison message{}: {}", taskId == null ? "" : " for task " + taskId, reason);
        poison.put(body, reason, taskId, deliveries);
        return TaskWorker.Outcome.POISONED;
    }

    /** A waiting task whose doorbell is poison can never run: it fails with the reason (its job as TaskWorker would). */
    private void failTask(TaskMessage message, String reason) {
        try {
            List<TaskMessage> next = db.inTransaction(tx -> {
                tx.lockJob(message.jobId());
                ObjectNode error = JobProgression.error("poison_message", reason, message.taskId());
                Task failed = tx.tasks().failWaiting(message.taskId(), error).orElse(null);
                if (failed == null) return List.<TaskMessage>of();
                tx.events().append(JobEvent.of(failed.jobId(), failed.taskId(), null, TaskStatus.FAILED.dbName(),
                        failed.attempt(), actor, "poison message: " + reason));
                return progression.afterTaskFailed(tx, failed.jobId(), error, actor);
            });
            queue.send(next, Duration.ZERO);
        } catch (RuntimeException e) {
            LOG.warn("task {}: could not be failed after its doorbell was parked: {}", message.taskId(), e.getMessage());
        }
    }
}
