package io.geoetl.config;

import com.azure.storage.blob.BlobServiceClient;
import com.azure.storage.queue.QueueServiceClient;
import io.geoetl.gdal.GdalRuntime;
import io.geoetl.http.ApiErrors;
import io.geoetl.http.HealthApi;
import io.geoetl.http.JobsApi;
import io.geoetl.jobs.JobProgression;
import io.geoetl.jobs.JobService;
import io.geoetl.jobs.JobTypeRegistry;
import io.geoetl.jobs.OrchestrationSettings;
import io.geoetl.jobs.TaskWorker;
import io.geoetl.jobs.hello.HelloWorldJobType;
import io.geoetl.storage.AzureClients;
import io.geoetl.storage.AzureTaskQueue;
import io.geoetl.storage.BlobFiles;
import io.geoetl.store.Database;
import io.geoetl.vector.IngestVectorJobType;
import io.geoetl.vector.VectorSettings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;
import org.apache.camel.BindToRegistry;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.PropertyInject;
import org.apache.camel.spi.Registry;

/**
 * Creates geoetl's beans from the settings in config/application*.properties (each key is
 * documented there) and binds them for the routes. Pass an instance to Camel Main (see
 * {@link io.geoetl.GeoetlMain}): Camel 4.17 runs factory methods twice when it creates the class.
 */
public class GeoetlConfiguration implements CamelConfiguration {
    private final List<Consumer<JobTypeRegistry>> extraJobTypes;

    public GeoetlConfiguration() {
        this(List.of());
    }

    /** {@code extraJobTypes} lets tests and embedders register more job types. */
    public GeoetlConfiguration(List<Consumer<JobTypeRegistry>> extraJobTypes) {
        this.extraJobTypes = extraJobTypes;
    }

    private static VectorSettings vectorSettings(Settings settings) {
        String workDir = settings.optional("geoetl.vector.work-dir");
        return new VectorSettings(
                workDir.isEmpty() ? Path.of(System.getProperty("java.io.tmpdir"), "geoetl-vector") : Path.of(workDir),
                settings.duration("geoetl.vector.leftover-max-age"),
                settings.longValue("geoetl.vector.max-file-bytes"),
                settings.longValue("geoetl.vector.zip.max-extracted-bytes"),
                settings.integer("geoetl.vector.zip.max-ratio"),
                settings.integer("geoetl.vector.zip.max-entries"));
    }

    @Override
    public void configure(CamelContext camel) {
        Registry registry = camel.getRegistry();
        Settings settings = new Settings(camel);

        Database database = new Database(settings.text("geoetl.db.url"), settings.text("geoetl.db.user"),
                settings.secret("geoetl.db.password"), settings.integer("geoetl.db.pool-size"));
        if (settings.bool("geoetl.db.migrate")) {
            database.migrate();
        }
        AzureClients azure = new AzureClients(settings.secret("geoetl.storage.connection-string"), settings.text("geoetl.storage.account"));
        BlobServiceClient blobs = azure.blobServiceClient();
        QueueServiceClient queues = azure.queueServiceClient();
        AzureTaskQueue taskQueue = new AzureTaskQueue(azure.queueServiceAsyncClient(), settings.text("geoetl.queue.tasks")).ensureExists();
        GdalRuntime.init();

        JobTypeRegistry jobTypes = new JobTypeRegistry()
                .register(new HelloWorldJobType())
                .register(new IngestVectorJobType(database, new BlobFiles(blobs), vectorSettings(settings)));
        extraJobTypes.forEach(extra -> extra.accept(jobTypes));

        OrchestrationSettings orchestration = new OrchestrationSettings(
                settings.integer("geoetl.tasks.max-attempts"),
                settings.duration("geoetl.tasks.backoff-base"),
                settings.duration("geoetl.tasks.backoff-cap"),
                settings.duration("geoetl.tasks.heartbeat-interval"),
                settings.workerId());
        JobProgression progression = new JobProgression(jobTypes, orchestration);
        JobService jobService = new JobService(database, jobTypes, progression, taskQueue, orchestration.workerId());
        TaskWorker worker = new TaskWorker(database, jobTypes, progression, taskQueue, orchestration);

        HealthApi health = new HealthApi()
                .check("database", () -> "PostGIS " + database.postgisVersion())
                .check("storage", () -> "blob service " + blobs.getAccountName() + ", containers: " + blobs.listBlobContainers().stream().count())
                .check("queue", () -> taskQueue.name() + ", ~" + taskQueue.approximateDepth() + " message(s)")
                .check("gdal", GdalRuntime::version);

        registry.bind("database", database);
        registry.bind("blobServiceClient", blobs);
        registry.bind("queueServiceClient", queues);
        registry.bind("taskQueue", taskQueue);
        registry.bind("jobTypeRegistry", jobTypes);
        registry.bind("jobService", jobService);
        registry.bind("taskWorker", worker);
        registry.bind("jobsApi", new JobsApi(jobService, settings.integer("geoetl.http.max-body-bytes")));
        registry.bind("healthApi", health);
        registry.bind("apiErrors", new ApiErrors());
    }
}
