package io.geoetl.storage;

import com.azure.storage.queue.QueueServiceClient;
import com.azure.storage.queue.models.QueueStorageException;

/** Creates the queues a route consumes from or sends to, once at start-up (not per message). */
public final class QueueSetup {
    private QueueSetup() {}

    public static void ensureExist(QueueServiceClient service, String... queueNames) {
        for (String name : queueNames) {
            try {
                service.getQueueClient(name).createIfNotExists();
            } catch (QueueStorageException e) {
                if (e.getStatusCode() != 409) throw e;
            }
        }
    }
}
