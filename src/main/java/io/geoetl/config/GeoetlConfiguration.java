package io.geoetl.config;

import com.azure.storage.blob.BlobServiceClient;
import com.azure.storage.queue.QueueServiceClient;
import io.geoetl.drop.RejectedDropJobType;
import io.geoetl.gdal.GdalRuntime;
import io.geoetl.http.ApiErrors;
import io.geoetl.http.DbAdminApi;
import io.geoetl.http.HealthApi;
import io.geoetl.http.JobCleanupApi;
import io.geoetl.http.JobsApi;
import io.geoetl.http.MetricsApi;
import io.geoetl.http.auth.AccessGuard;
import io.geoetl.http.auth.ApiKeyAuthenticator;
import io.geoetl.http.auth.Authenticator;
import io.geoetl.http.auth.EntraTokenAuthenticator;
import io.geoetl.jobs.BestEffortDoorbells;
import io.geoetl.jobs.DoorbellReceiver;
import io.geoetl.jobs.JobProgression;
import io.geoetl.jobs.JobService;
import io.geoetl.jobs.JobTypeRegistry;
import io.geoetl.jobs.OrchestrationSettings;
import io.geoetl.jobs.TaskQueue;
import io.geoetl.jobs.TaskWorker;
import io.geoetl.jobs.WaitForDatabase;
import io.geoetl.jobs.hello.HelloWorldJobType;
import io.geoetl.ops.GeoetlMetrics;
import io.geoetl.ops.GracefulShutdown;
import io.geoetl.ops.Janitor;
import io.geoetl.ops.JobCleanup;
import io.geoetl.ops.JanitorSettings;
import io.geoetl.stac.StacBinder;
import io.geoetl.storage.AzureClients;
import io.geoetl.storage.BlobPrefixes;
import io.geoetl.storage.AzurePoisonQueue;
import io.geoetl.storage.AzureTaskQueue;
import io.geoetl.storage.BlobFiles;
import io.geoetl.store.Database;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.geoetl.vector.IngestVectorJobType;
import io.geoetl.vector.VectorSettings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;
import org.apache.camel.component.micrometer.MicrometerConstants;
import org.apache.camel.component.micrometer.routepolicy.MicrometerRoutePolicyFactory;
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
    /** A health check of a service that does not answer gives up after this long (the SDK would retry for minutes). */
    private static final Duration HEALTH_TIMEOUT = Duration.ofSeconds(5);
    private final List<Consumer<JobTypeRegistry>> extraJobTypes;
    private UnaryOperator<TaskQueue> taskQueueDecorator = UnaryOperator.identity();

    public GeoetlConfiguration() {
        this(List.of());
    }

    /** {@code extraJobTypes} lets tests and embedders register more job types. */
    public GeoetlConfiguration(List<Consumer<JobTypeRegistry>> extraJobTypes) {
        this.extraJobTypes = extraJobTypes;
    }

    /** Wraps the task queue every service rings doorbells on (fault tests: duplicate or reorder deliveries). */
    public GeoetlConfiguration decorateTaskQueue(UnaryOperator<TaskQueue> decorator) {
        this.taskQueueDecorator = decorator;
        return this;
    }

    private static VectorSettings vectorSettings(Settings settings) {
        String workDir = settings.optional("geoetl.vector.work-dir");
        return new VectorSettings(
                workDir.isEmpty() ? Path.of(System.getProperty("java.io.tmpdir"), "geoetl-vector") : Path.of(workDir),
                settings.duration("geoetl.vector.leftover-max-age"),
                settings.longValue("geoetl.vector.max-file-bytes"),
                settings.longValue("geoetl.vector.zip.max-extracted-bytes"),
                settings.integer("geoetl.vector.zip.max-ratio"),
                settings.integer("geoetl.vector.zip.max-entries"),
                settings.text("geoetl.stac.vector-collection"),
                settings.optional("geoetl.http.base-url"));
    }

    @Override
    public void configure(CamelContext camel) {
        Registry registry = camel.getRegistry();
        Settings settings = new Settings(camel);

        Database database = new Database(settings.text("geoetl.db.url"), settings.text("geoetl.db.user"),
                settings.secret("geoetl.db.password"), settings.integer("geoetl.db.pool-size"));
        StartupWait startup = new StartupWait(settings.duration("geoetl.startup.wait"));
        if (settings.bool("geoetl.db.migrate")) {
            startup.until("the database (migrations)", database::migrate);
        }
        AzureClients azure = new AzureClients(settings.secret("geoetl.storage.connection-string"), settings.text("geoetl.storage.account"));
        BlobServiceClient blobs = azure.blobServiceClient();
        QueueServiceClient queues = azure.queueServiceClient();
        AzureTaskQueue taskQueue = startup.until("the task queue",
                () -> new AzureTaskQueue(azure.queueServiceAsyncClient(), settings.text("geoetl.queue.tasks")).ensureExists());
        GdalRuntime.init();

        JobTypeRegistry jobTypes = new JobTypeRegistry()
                .register(new HelloWorldJobType())
                .register(new RejectedDropJobType())
                .register(new IngestVectorJobType(database, new BlobFiles(blobs), vectorSettings(settings)));
        extraJobTypes.forEach(extra -> extra.accept(jobTypes));

        OrchestrationSettings orchestration = new OrchestrationSettings(
                settings.integer("geoetl.tasks.max-attempts"),
                settings.duration("geoetl.tasks.backoff-base"),
                settings.duration("geoetl.tasks.backoff-cap"),
                settings.duration("geoetl.tasks.heartbeat-interval"),
                settings.workerId());
        PrometheusMeterRegistry prometheus = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        GeoetlMetrics metrics = new GeoetlMetrics(prometheus);
        TaskQueue doorbells = new BestEffortDoorbells(taskQueueDecorator.apply(taskQueue));
        AzurePoisonQueue poison = startup.until("the poison queue", () -> new AzurePoisonQueue(azure.queueServiceAsyncClient(),
                settings.text("geoetl.queue.poison"), orchestration.workerId()).ensureExists());
        JobProgression progression = new JobProgression(jobTypes, orchestration, metrics);
        JobService jobService = new JobService(database, jobTypes, progression, doorbells, orchestration.workerId());
        TaskWorker worker = new TaskWorker(database, jobTypes, progression, doorbells, orchestration,
                new WaitForDatabase(settings.duration("geoetl.db.outage-wait")), metrics);
        DoorbellReceiver receiver = new DoorbellReceiver(worker, poison, database, progression, doorbells,
                orchestration.workerId(), settings.integer("geoetl.worker.poison-after"));
        JanitorSettings janitorSettings = new JanitorSettings(settings.duration("geoetl.janitor.stale-after"),
                settings.duration("geoetl.janitor.lost-doorbell-after"), settings.integer("geoetl.janitor.batch-size"))
                .requireMargin(orchestration.heartbeatInterval());
        Janitor janitor = new Janitor(database, progression, doorbells, janitorSettings, metrics);
        camel.getManagementStrategy().addEventNotifier(new GracefulShutdown(worker, shutdownGrace(settings)));
        camel.addRoutePolicyFactory(new MicrometerRoutePolicyFactory());
        metrics.queueDepth(taskQueue.name(), taskQueue::approximateDepth);
        metrics.queueDepth(poison.name(), poison::approximateDepth);

        HealthApi health = new HealthApi()
                .check("database", () -> "PostGIS " + database.postgisVersion())
                .check("storage", () -> "blob service " + blobs.getAccountName() + ", containers: "
                        + blobs.listBlobContainers(null, HEALTH_TIMEOUT).stream().count())
                .check("queue", () -> taskQueue.name() + ", ~" + taskQueue.approximateDepth() + " message(s)")
                .check("gdal", GdalRuntime::version);

        registry.bind("database", database);
        registry.bind("blobServiceClient", blobs);
        registry.bind("queueServiceClient", queues);
        registry.bind("taskQueue", taskQueue);
        registry.bind("jobTypeRegistry", jobTypes);
        registry.bind("jobService", jobService);
        registry.bind("taskWorker", worker);
        registry.bind("doorbellReceiver", receiver);
        registry.bind("janitor", janitor);
        registry.bind(MicrometerConstants.METRICS_REGISTRY_NAME, prometheus);
        registry.bind("jobsApi", new JobsApi(jobService, settings.integer("geoetl.http.max-body-bytes")));
        registry.bind("dbAdminApi", new DbAdminApi(janitor, poison));
        registry.bind("jobCleanupApi", new JobCleanupApi(new JobCleanup(database, jobService, jobTypes, new BlobPrefixes(blobs),
                settings.set("geoetl.cleanup.table-schemas"))));
        registry.bind("metricsApi", new MetricsApi(prometheus));
        registry.bind("healthApi", health);
        registry.bind("apiErrors", new ApiErrors());
        BlobDropConfiguration.bind(settings, registry, database, blobs, queues, jobTypes, jobService, startup);
        StacBinder.bind(settings, registry, database);
        registry.bind("accessGuard", new AccessGuard(authenticator(settings), settings.bool("geoetl.auth.read-open")));
    }

    /** geoetl.auth.mode: api-key (local profile) or entra (azure profile). */
    private static Authenticator authenticator(Settings settings) {
        String mode = settings.text("geoetl.auth.mode").trim();
        return switch (mode) {
            case "api-key" -> new ApiKeyAuthenticator(settings.secret("geoetl.auth.api-key"), settings.secret("geoetl.auth.reader.api-key"));
            case "entra" -> new EntraTokenAuthenticator(settings.text("geoetl.auth.entra.issuer"), settings.text("geoetl.auth.entra.audience"),
                    settings.text("geoetl.auth.entra.jwks-url"), settings.text("geoetl.auth.entra.write-role"),
                    settings.text("geoetl.auth.entra.read-role"));
            default -> throw new IllegalStateException("geoetl.auth.mode must be api-key or entra, not '" + mode + "'");
        };
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
