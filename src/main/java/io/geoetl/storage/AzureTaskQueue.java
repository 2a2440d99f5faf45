package io.geoetl.storage;

import com.azure.storage.queue.QueueAsyncClient;
import com.azure.storage.queue.QueueServiceAsyncClient;
import com.azure.storage.queue.models.QueueStorageException;
import io.geoetl.jobs.TaskMessage;
import io.geoetl.jobs.TaskQueue;
import java.time.Duration;
import java.util.List;
import reactor.core.publisher.Flux;

/**
 * Rings task doorbells on an Azure Storage queue. Messages of one fan-out are sent concurrently
 * (a stage of 1,000 tasks would take seconds one by one). Messages never expire: a doorbell that
 * is never answered is found by the janitor, not silently dropped.
 */
public final class AzureTaskQueue implements TaskQueue {
    private static final Duration NEVER_EXPIRE = Duration.ofSeconds(-1);
    private static final int PARALLEL_SENDS = 16;
    private final QueueAsyncClient queue;

    public AzureTaskQueue(QueueServiceAsyncClient service, String queueName) {
        this.queue = service.getQueueAsyncClient(queueName);
    }

    /** Creates the queue when it does not exist yet. */
    public AzureTaskQueue ensureExists() {
        try {
            queue.createIfNotExists().block(Duration.ofSeconds(30));
        } catch (QueueStorageException e) {
            if (e.getStatusCode() != 409) throw e;
        }
        return this;
    }

    @Override
    public void send(List<TaskMessage> messages, Duration delay) {
        if (messages.isEmpty()) return;
        // the service counts visibility in whole seconds: round up, never make a doorbell early
        Duration visibility = delay.isZero() || delay.isNegative() ? null : Duration.ofSeconds((delay.toMillis() + 999) / 1000);
        Flux.fromIterable(messages)
                .flatMap(m -> queue.sendMessageWithResponse(m.toJson(), visibility, NEVER_EXPIRE), PARALLEL_SENDS)
                .blockLast(Duration.ofMinutes(2));
    }

    /** Approximate number of messages waiting (visible and invisible). */
    public int approximateDepth() {
        return queue.getProperties().block(Duration.ofSeconds(10)).getApproximateMessagesCount();
    }

    public String name() {
        return queue.getQueueName();
    }
}
