package io.geoetl.storage;

import com.azure.storage.queue.QueueAsyncClient;
import com.azure.storage.queue.QueueServiceAsyncClient;
import com.azure.storage.queue.models.PeekedMessageItem;
import com.azure.storage.queue.models.QueueStorageException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.geoetl.jobs.Json;
import io.geoetl.jobs.PoisonQueue;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;

/**
 * The poison queue: an Azure Storage queue of doorbells that could not be handled, each wrapped
 * with the reason, the task it named and the router that parked it. Messages never expire. The
 * blob-event poison queue is read through the same class (its messages are the raw events).
 */
public final class AzurePoisonQueue implements PoisonQueue {
    private static final Duration NEVER_EXPIRE = Duration.ofSeconds(-1);
    private static final int MAX_PEEK = 32; // the service's limit per call
    private final QueueAsyncClient queue;
    private final String router;

    public AzurePoisonQueue(QueueServiceAsyncClient service, String queueName, String router) {
        this.queue = service.getQueueAsyncClient(queueName);
        this.router = router;
    }

    /** Creates the queue when it does not exist yet. */
    public AzurePoisonQueue ensureExists() {
        try {
            queue.createIfNotExists().block(Duration.ofSeconds(30));
        } catch (QueueStorageException e) {
            if (e.getStatusCode() != 409) throw e;
        }
        return this;
    }

    @Override
    public void put(String body, String reason, String taskId, long dequeueCount) {
        ObjectNode wrapped = Json.object();
        wrapped.put("message", body);
        wrapped.put("reason", reason);
        wrapped.put("task_id", taskId);
        wrapped.put("dequeue_count", dequeueCount);
        wrapped.put("router", router);
        wrapped.put("poisoned_at", OffsetDateTime.now().toString());
        queue.sendMessageWithResponse(Json.write(wrapped), null, NEVER_EXPIRE).block(Duration.ofSeconds(30));
    }

    /** A parked message as peeked (not removed): the wrapper written by {@link #put} plus queue metadata. */
    public record Parked(String messageId, OffsetDateTime insertedOn, OffsetDateTime expiresOn, String text, JsonNode content) {}

    /** Up to {@code max} (at most 32) parked messages, oldest first, left in the queue; none when the queue does not exist. */
    public List<Parked> peek(int max) {
        try {
            return queue.peekMessages(Math.min(max, MAX_PEEK)).collectList().block(Duration.ofSeconds(30)).stream()
                    .map(AzurePoisonQueue::parked).toList();
        } catch (QueueStorageException e) {
            if (e.getStatusCode() == 404) return List.of(); // e.g. the blob-event poison queue of a router without events
            throw e;
        }
    }

    /** Approximate number of parked messages. */
    public int approximateDepth() {
        return queue.getProperties().block(Duration.ofSeconds(10)).getApproximateMessagesCount();
    }

    public String name() {
        return queue.getQueueName();
    }

    private static Parked parked(PeekedMessageItem item) {
        String text = item.getBody() == null ? null : item.getBody().toString();
        JsonNode content;
        try {
            content = Json.parse(text);
        } catch (RuntimeException notJson) {
            content = Json.object().put("message", text);
        }
        return new Parked(item.getMessageId(), item.getInsertionTime(), item.getExpirationTime(), text, content);
    }
}
