package io.geoetl.jobs;

import java.time.Duration;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * First stop of a message from the task queue. A doorbell names one task of the work that rang it
 * (job_id, task_id), but any due task may answer: the router's {@link TaskClaimer} claims from the
 * database whatever is due. Before ringing, the named task is looked at:
 * <ul>
 *   <li>an undecodable body, or one naming a task that does not exist: parked in the poison queue
 *       at once (retrying cannot help);</li>
 *   <li>a task not due yet (a retry's doorbell that arrived early): rung again when it is due;</li>
 *   <li>this router is stopping: the doorbell goes back to the queue for another router.</li>
 * </ul>
 * When the look-up itself throws, the message goes back to the queue (visible again after the
 * visibility timeout) until its {@code poisonAfter}-th delivery, which parks it.
 */
public final class DoorbellReceiver {
    private static final Logger LOG = LoggerFactory.getLogger(DoorbellReceiver.class);
    private final TaskWorker worker;
    private final TaskClaimer claimer;
    private final PoisonQueue poison;
    private final OrchestrationDatabase db;
    private final TaskQueue queue;
    private final WaitForDatabase patience;
    private final int poisonAfter;
    private final JobMetrics metrics;

    public DoorbellReceiver(TaskWorker worker, TaskClaimer claimer, PoisonQueue poison, OrchestrationDatabase db, TaskQueue queue,
                            WaitForDatabase patience, int poisonAfter, JobMetrics metrics) {
        this.worker = worker;
        this.claimer = claimer;
        this.poison = poison;
        this.db = db;
        this.queue = queue;
        this.patience = patience;
        this.poisonAfter = poisonAfter;
        this.metrics = metrics;
    }

    /** Handles one message; {@code dequeueCount} is the queue's delivery count (1 the first time). */
    public TaskWorker.Outcome receive(String body, Long dequeueCount) {
        long deliveries = dequeueCount == null ? 1 : dequeueCount;
        metrics.taskQueueOperations("delete", 1); // the consumer deletes the message once this returns
        TaskMessage message;
        try {
            message = TaskMessage.parse(body);
        } catch (IllegalArgumentException e) {
            return park(body, e.getMessage(), null, deliveries);
        }
        if (worker.closing()) {
            queue.send(List.of(message), Duration.ZERO); // this router is stopping: another one answers
            return TaskWorker.Outcome.RELEASED;
        }
        try {
            NamedTask named = patience.call("doorbell " + message.taskId(), () -> db.inTransaction(tx ->
                    new NamedTask(tx.tasks().exists(message.taskId()), tx.tasks().dueIn(message.taskId()).orElse(null))));
            if (!named.exists()) {
                return park(body, "task " + message.taskId() + " does not exist (its job was deleted, or the message was not sent by geoetl)",
                        message.taskId(), deliveries);
            }
            if (named.dueIn() != null) {
                queue.send(List.of(message), named.dueIn()); // arrived early: ring again when it is due
                return TaskWorker.Outcome.EARLY;
            }
        } catch (RuntimeException e) {
            if (deliveries < poisonAfter) {
                LOG.warn("doorbell for task {}: delivery {} of {} failed ({}); the queue hands it out again",
                        message.taskId(), deliveries, poisonAfter, TaskWorker.describe(e));
                throw e;
            }
            return park(body, "delivered " + deliveries + " times, failed each time; last error: " + TaskWorker.describe(e),
                    message.taskId(), deliveries);
        }
        claimer.ring();
        return TaskWorker.Outcome.RUNG;
    }

    private TaskWorker.Outcome park(String body, String reason, String taskId, long deliveries) {
        LOG.warn("poison message{}: {}", taskId == null ? "" : " for task " + taskId, reason);
        poison.put(body, reason, taskId, deliveries);
        return TaskWorker.Outcome.POISONED;
    }

    private record NamedTask(boolean exists, Duration dueIn) {}
}
