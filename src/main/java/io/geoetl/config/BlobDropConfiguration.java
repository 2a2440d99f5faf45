package io.geoetl.config;

import com.azure.storage.blob.BlobServiceClient;
import com.azure.storage.queue.QueueServiceClient;
import io.geoetl.drop.BlobCreatedEventParser;
import io.geoetl.drop.BlobDropSubmitter;
import io.geoetl.drop.BronzePoller;
import io.geoetl.drop.DropParameters;
import io.geoetl.drop.JobTypeByExtension;
import io.geoetl.jobs.JobService;
import io.geoetl.jobs.JobTypeRegistry;
import io.geoetl.storage.BronzeContainer;
import io.geoetl.storage.QueueSetup;
import io.geoetl.store.Database;
import org.apache.camel.spi.Registry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The beans of routes/blob-drop.yaml (settings geoetl.blob-drop.*): blobCreatedEvents,
 * blobDropPoller, blobDropSubmitter. Creates the watched container and the
 * event queues when a trigger that needs them is enabled.
 */
final class BlobDropConfiguration {
    private static final Logger LOG = LoggerFactory.getLogger(BlobDropConfiguration.class);

    private BlobDropConfiguration() {}

    static void bind(Settings settings, Registry registry, Database database, BlobServiceClient blobs, QueueServiceClient queues,
                     JobTypeRegistry jobTypes, JobService jobService, StartupWait startup) {
        boolean events = settings.bool("geoetl.blob-drop.events.enabled");
        boolean poll = settings.bool("geoetl.blob-drop.poll.enabled");
        boolean inbox = settings.bool("geoetl.blob-drop.inbox.enabled");
        BronzeContainer bronze = new BronzeContainer(blobs, settings.text("geoetl.blob-drop.container"));
        if (events || poll || inbox) {
            startup.until("the " + bronze.name() + " container", bronze::ensureExists);
        }
        if (events) {
            startup.until("the blob event queues", () -> QueueSetup.ensureExist(queues, settings.text("geoetl.blob-drop.events.queue"),
                    settings.text("geoetl.blob-drop.events.poison-queue")));
        }
        JobTypeByExtension byExtension = JobTypeByExtension.parse(settings.text("geoetl.blob-drop.job-types"));
        byExtension.table().forEach((extension, type) -> {
            if (jobTypes.find(type).isEmpty()) {
                LOG.warn("geoetl.blob-drop.job-types: {} files go to job type {}, which is not registered; such drops become failed "
                        + "rejected_drop jobs", extension, type);
            }
        });
        DropParameters parameters = DropParameters.withDefaults(settings.text("geoetl.blob-drop.default-parameters"));

        registry.bind("blobCreatedEvents", new BlobCreatedEventParser(bronze.name()));
        registry.bind("blobDropPoller", new BronzePoller(bronze, database));
        registry.bind("blobDropSubmitter", new BlobDropSubmitter(jobService, database, bronze, byExtension, parameters));
        LOG.info("blob-drop triggers on container {}: events {}, poll {}, inbox {}", bronze.name(), onOff(events), onOff(poll), onOff(inbox));
    }

    private static String onOff(boolean enabled) {
        return enabled ? "on" : "off";
    }
}
