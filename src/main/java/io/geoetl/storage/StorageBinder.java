package io.geoetl.storage;

import com.azure.storage.blob.BlobServiceClient;
import io.geoetl.config.ModuleBinder;
import io.geoetl.config.Settings;
import io.geoetl.config.Wiring;
import java.time.Clock;
import java.time.Duration;

/**
 * Azure Storage (settings geoetl.storage.*, geoetl.queue.*): the blob and queue clients, streamed
 * blob transfers, blob listings with their fingerprint, the silver container and its signed (SAS) URLs, the task queue and
 * the poison queue (created at start-up when missing). Beans: blobServiceClient, blobFiles, blobListing, blobPicker (the bronze container's names, paged), blobUrlSigner,
 * queueServiceClient, taskQueue, poisonQueue.
 */
public final class StorageBinder implements ModuleBinder {
    @Override
    public void bind(Wiring wiring) {
        Settings settings = wiring.settings();
        AzureClients azure = new AzureClients(settings.secret("geoetl.storage.connection-string"), settings.text("geoetl.storage.account"));
        BlobServiceClient blobs = wiring.bind("blobServiceClient", azure.blobServiceClient());
        wiring.bind("blobFiles", new BlobFiles(blobs));
        wiring.bind("blobUrlSigner", new BlobUrlSigner(blobs, settings.text("geoetl.storage.silver-container"), azure.sasCredential(),
                Duration.ofMinutes(settings.integer("geoetl.storage.sas-minutes")), Clock.systemUTC()));
        wiring.bind("blobListing", new BlobListing(blobs, settings.integer("geoetl.storage.list-page-size")));
        wiring.bind("blobPicker", new BlobPicker(blobs, settings.text("geoetl.blob-drop.container")));
        wiring.startup().until("the silver container", () -> ContainerSetup.ensureExist(blobs, settings.text("geoetl.storage.silver-container")));
        wiring.bind("queueServiceClient", azure.queueServiceClient());
        AzureTaskQueue taskQueue = wiring.bind("taskQueue", wiring.startup().until("the task queue",
                () -> new AzureTaskQueue(azure.queueServiceAsyncClient(), settings.text("geoetl.queue.tasks")).ensureExists()));
        wiring.bind("poisonQueue", wiring.startup().until("the poison queue", () -> new AzurePoisonQueue(azure.queueServiceAsyncClient(),
                settings.text("geoetl.queue.poison"), wiring.workerId()).ensureExists()));
        // created by the blob-drop module when events are on; listed by GET /api/dbadmin/poison
        wiring.bind("blobEventPoisonQueue", new AzurePoisonQueue(azure.queueServiceAsyncClient(),
                settings.text("geoetl.blob-drop.events.poison-queue"), wiring.workerId()));
        wiring.healthCheck("storage", () -> "blob service " + blobs.getAccountName() + ", containers: "
                + blobs.listBlobContainers(null, Wiring.healthTimeout()).stream().count());
        wiring.healthCheck("queue", () -> taskQueue.name() + ", ~" + taskQueue.approximateDepth() + " message(s)");
    }
}
