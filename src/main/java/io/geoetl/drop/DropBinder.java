package io.geoetl.drop;

import com.azure.storage.blob.BlobServiceClient;
import com.azure.storage.queue.QueueServiceClient;
import io.geoetl.config.ModuleBinder;
import io.geoetl.config.Settings;
import io.geoetl.config.Wiring;
import io.geoetl.jobs.JobService;
import io.geoetl.jobs.JobTypeRegistry;
import io.geoetl.storage.BronzeContainer;
import io.geoetl.storage.QueueSetup;
import io.geoetl.store.Database;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The blob-drop triggers of routes/blob-drop.yaml (settings geoetl.blob-drop.*) and the internal
 * job type rejected_drop. Beans: blobCreatedEvents, blobDropPoller, blobDropSubmitter. Creates the watched container and the event queues when a trigger that
 * needs them is enabled.
 */
public final class DropBinder implements ModuleBinder {
    private static final Logger LOG = LoggerFactory.getLogger(DropBinder.class);

    @Override
    public void bind(Wiring wiring) {
        Settings settings = wiring.settings();
        Database database = wiring.bean("database", Database.class);
        BlobServiceClient blobs = wiring.bean("blobServiceClient", BlobServiceClient.class);
        QueueServiceClient queues = wiring.bean("queueServiceClient", QueueServiceClient.class);
        JobService jobService = wiring.bean("jobService", JobService.class);
        JobTypeRegistry jobTypes = wiring.bean("jobTypeRegistry", JobTypeRegistry.class).register(new RejectedDropJobType());
        boolean events = settings.bool("geoetl.blob-drop.events.enabled");
        boolean poll = settings.bool("geoetl.blob-drop.poll.enabled");
        boolean inbox = settings.bool("geoetl.blob-drop.inbox.enabled");
        BronzeContainer bronze = new BronzeContainer(blobs, settings.text("geoetl.blob-drop.container"));
        if (events || poll || inbox) {
            wiring.startup().until("the " + bronze.name() + " container", bronze::ensureExists);
        }
        if (events) {
            wiring.startup().until("the blob event queues", () -> QueueSetup.ensureExist(queues, settings.text("geoetl.blob-drop.events.queue"),
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

        wiring.bind("blobCreatedEvents", new BlobCreatedEventParser(bronze.name()));
        wiring.bind("blobDropPoller", new BronzePoller(bronze, database));
        wiring.bind("blobDropSubmitter", new BlobDropSubmitter(jobService, database, bronze, byExtension, parameters));
        LOG.info("blob-drop triggers on container {}: events {}, poll {}, inbox {}", bronze.name(), onOff(events), onOff(poll), onOff(inbox));
    }

    private static String onOff(boolean enabled) {
        return enabled ? "on" : "off";
    }
}
