package io.geoetl.ops;

import org.apache.camel.Consumer;
import org.apache.camel.Endpoint;
import org.apache.camel.support.DefaultPollingConsumerPollStrategy;

/** Counts the task-worker consumer's polls (each one receive call to the queue) in geoetl_task_queue_operations_total. */
public final class TaskQueuePolls extends DefaultPollingConsumerPollStrategy {
    private final GeoetlMetrics metrics;

    public TaskQueuePolls(GeoetlMetrics metrics) {
        this.metrics = metrics;
    }

    @Override
    public boolean begin(Consumer consumer, Endpoint endpoint) {
        metrics.taskQueueOperations("receive", 1);
        return super.begin(consumer, endpoint);
    }
}
