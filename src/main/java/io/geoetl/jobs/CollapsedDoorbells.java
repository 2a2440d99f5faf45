package io.geoetl.jobs;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A stage of N tasks rings at most {@code perRing} doorbells, not N: each doorbell wakes one
 * router, which then claims due tasks from the database until none is left, so the doorbells
 * only need to reach as many routers as the parallelism wanted. The doorbells kept name tasks
 * spread over the list (for logs, the poison queue and early-arrival checks).
 */
public final class CollapsedDoorbells implements TaskQueue {
    private final TaskQueue queue;
    private final int perRing;
    private final JobMetrics metrics;

    public CollapsedDoorbells(TaskQueue queue, int perRing, JobMetrics metrics) {
        if (perRing < 1) throw new IllegalArgumentException("geoetl.doorbells.per-ring must be at least 1, got " + perRing);
        this.queue = queue;
        this.perRing = perRing;
        this.metrics = metrics;
    }

    @Override
    public void send(List<TaskMessage> messages, Duration delay) {
        if (messages.isEmpty()) return;
        List<TaskMessage> doorbells = collapse(messages);
        queue.send(doorbells, delay);
        metrics.taskQueueOperations("send", doorbells.size());
    }

    private List<TaskMessage> collapse(List<TaskMessage> messages) {
        if (messages.size() <= perRing) return messages;
        List<TaskMessage> kept = new ArrayList<>(perRing);
        for (int i = 0; i < perRing; i++) {
            kept.add(messages.get((int) ((long) i * messages.size() / perRing)));
        }
        return kept;
    }
}
