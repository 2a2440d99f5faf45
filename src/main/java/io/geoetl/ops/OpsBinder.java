package io.geoetl.ops;

import com.azure.storage.blob.BlobServiceClient;
import io.geoetl.config.ModuleBinder;
import io.geoetl.config.Settings;
import io.geoetl.config.Wiring;
import io.geoetl.jobs.JobProgression;
import io.geoetl.jobs.JobService;
import io.geoetl.jobs.JobTypeRegistry;
import io.geoetl.jobs.OrchestrationSettings;
import io.geoetl.jobs.TaskQueue;
import io.geoetl.jobs.TaskWorker;
import io.geoetl.storage.AzurePoisonQueue;
import io.geoetl.storage.AzureTaskQueue;
import io.geoetl.storage.BlobPrefixes;
import io.geoetl.store.Database;
import java.time.Duration;

/**
 * Keeping the router healthy (settings geoetl.janitor.*, geoetl.cleanup.*, geoetl.worker.shutdown-grace):
 * the janitor of routes/janitor.yaml, job cleanup, graceful shutdown and the queue-depth gauges.
 * Beans: janitor, jobCleanup, taskQueuePolls (the task-worker consumer's poll counter).
 */
public final class OpsBinder implements ModuleBinder {
    @Override
    public void bind(Wiring wiring) {
        Settings settings = wiring.settings();
        Database database = wiring.bean("database", Database.class);
        GeoetlMetrics metrics = wiring.bean("jobMetrics", GeoetlMetrics.class);
        OrchestrationSettings orchestration = wiring.bean("orchestrationSettings", OrchestrationSettings.class);
        JanitorSettings janitorSettings = new JanitorSettings(settings.duration("geoetl.janitor.stale-after"),
                settings.duration("geoetl.janitor.lost-doorbell-after"), settings.duration("geoetl.janitor.unplanned-after"),
                settings.integer("geoetl.janitor.batch-size"),
                settings.duration("geoetl.janitor.runs-kept"))
                .requireMargin(orchestration.heartbeatInterval());
        wiring.bind("janitor", new Janitor(database, wiring.bean("jobProgression", JobProgression.class),
                wiring.bean("doorbells", TaskQueue.class), janitorSettings, metrics, wiring.bean("jobTypeRegistry", JobTypeRegistry.class),
                wiring.workerId()));
        wiring.bind("jobCleanup", new JobCleanup(database, wiring.bean("jobService", JobService.class),
                wiring.bean("jobTypeRegistry", JobTypeRegistry.class),
                new BlobPrefixes(wiring.bean("blobServiceClient", BlobServiceClient.class)), settings.set("geoetl.cleanup.table-schemas")));
        wiring.camel().getManagementStrategy().addEventNotifier(
                new GracefulShutdown(wiring.bean("taskWorker", TaskWorker.class), shutdownGrace(settings)));
        AzureTaskQueue taskQueue = wiring.bean("taskQueue", AzureTaskQueue.class);
        AzurePoisonQueue poison = wiring.bean("poisonQueue", AzurePoisonQueue.class);
        metrics.queueDepth(taskQueue.name(), taskQueue::approximateDepth);
        wiring.bind("taskQueuePolls", new TaskQueuePolls(metrics));
        metrics.queueDepth(poison.name(), poison::approximateDepth);
    }

    /** geoetl.worker.shutdown-grace, which must end before Camel stops waiting (camel.main.shutdownTimeout). */
    private static Duration shutdownGrace(Settings settings) {
        Duration grace = settings.duration("geoetl.worker.shutdown-grace");
        Duration camelTimeout = Duration.ofSeconds(settings.integer("camel.main.shutdownTimeout"));
        if (grace.compareTo(camelTimeout) >= 0) {
            throw new IllegalStateException("geoetl.worker.shutdown-grace (" + grace + ") must be shorter than "
                    + "camel.main.shutdownTimeout (" + camelTimeout.toSeconds() + " s), or unfinished tasks are never handed back");
        }
        return grace;
    }
}
