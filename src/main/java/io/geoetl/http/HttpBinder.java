package io.geoetl.http;

import io.geoetl.config.ModuleBinder;
import io.geoetl.config.Settings;
import io.geoetl.config.Wiring;
import io.geoetl.http.auth.AccessGuard;
import io.geoetl.http.docs.ApiDocsPage;
import io.geoetl.http.docs.OpenApiDocument;
import io.geoetl.http.auth.ApiKeyAuthenticator;
import io.geoetl.http.auth.Authenticator;
import io.geoetl.http.auth.EntraTokenAuthenticator;
import io.geoetl.http.support.BodyLimits;
import io.geoetl.http.support.CorsPolicy;
import io.geoetl.http.support.EarlyBodyLimit;
import io.geoetl.http.support.HttpLinks;
import io.geoetl.http.support.RouteDeclarations;
import io.geoetl.http.support.StreamedReplies;
import io.geoetl.jobs.JobService;
import io.geoetl.jobs.JobTypeRegistry;
import io.geoetl.ops.Janitor;
import io.geoetl.ops.JobCleanup;
import io.geoetl.storage.AzurePoisonQueue;
import io.geoetl.storage.BlobPicker;
import io.geoetl.store.Database;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.VertxOptions;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.camel.component.micrometer.MicrometerConstants;

/**
 * The job and operations API of routes/http-api.yaml (settings geoetl.http.*, geoetl.auth.*):
 * the request mappers, the health checks every module added, error rendering and the access
 * guard. Runs last: it serves what the other modules bound.
 */
public final class HttpBinder implements ModuleBinder {
    @Override
    public void bind(Wiring wiring) {
        Settings settings = wiring.settings();
        JobService jobService = wiring.bean("jobService", JobService.class);
        JobTypeRegistry registry = wiring.bean("jobTypeRegistry", JobTypeRegistry.class);
        int listingSlots = settings.integer("geoetl.http.listing-slots");
        if (listingSlots >= settings.integer("geoetl.http.request-slots")) {
            throw new IllegalStateException("geoetl.http.listing-slots (" + listingSlots + ") must be smaller than geoetl.http.request-slots,"
                    + " or submissions that list blob storage can take every slot other requests need");
        }
        Database database = wiring.bean("database", Database.class);
        wiring.bind("jobsApi", new JobsApi(jobService, database, wiring.bind("listingSlots", new ListingSlots(listingSlots, registry))));
        wiring.bind("jobStagesApi", new JobStagesApi(jobService, database));
        wiring.bind("jobTypesApi", new JobTypesApi(registry));
        wiring.bind("dbAdminApi", new DbAdminApi(wiring.bean("janitor", Janitor.class), wiring.bean("poisonQueue", AzurePoisonQueue.class),
                wiring.bean("blobEventPoisonQueue", AzurePoisonQueue.class)));
        wiring.bind("storageApi", new StorageApi(wiring.bean("blobPicker", BlobPicker.class)));
        wiring.bind("consoleConfigApi", new ConsoleConfigApi(settings.text("geoetl.auth.mode").trim(),
                settings.optional("geoetl.console.entra.tenant-id"), settings.optional("geoetl.console.entra.client-id"),
                List.copyOf(settings.set("geoetl.console.entra.scopes")), settings.optional("geoetl.console.basemap-url")));
        wiring.bind("jobCleanupApi", new JobCleanupApi(wiring.bean("jobCleanup", JobCleanup.class)));
        wiring.bind("metricsApi", new MetricsApi(wiring.bean(MicrometerConstants.METRICS_REGISTRY_NAME, PrometheusMeterRegistry.class)));
        HealthApi health = new HealthApi(wiring.boundedPool("geoetl-health", 4, 8), settings.duration("geoetl.http.health-timeout"));
        wiring.healthChecks().forEach(health::check);
        wiring.bind("healthApi", health);
        wiring.bind("apiErrors", new ApiErrors());
        wiring.bind("apiDocsPage", new ApiDocsPage());
        wiring.bind("openApiDocument", new OpenApiDocument(wiring.camel()));
        bindRequestHandling(wiring);
    }

    /**
     * The Vert.x worker pool that runs every request, the request slots that keep some of its
     * threads for /api/health, CORS, the access guard, absolute links and streamed replies for the
     * API packages (beans httpLinks, streamedReplies).
     */
    private static void bindRequestHandling(Wiring wiring) {
        Settings settings = wiring.settings();
        int workerThreads = settings.integer("geoetl.http.worker-threads");
        int slots = settings.integer("geoetl.http.request-slots");
        if (slots >= workerThreads) {
            throw new IllegalStateException("geoetl.http.request-slots (" + slots + ") must be smaller than geoetl.http.worker-threads ("
                    + workerThreads + "), or slow requests can take every thread and /api/health stops answering");
        }
        // platform-http-vertx creates its Vert.x instance from the VertxOptions bean of the registry
        wiring.bind("vertxOptions", new VertxOptions().setWorkerPoolSize(workerThreads));
        wiring.bind("requestSlots", new RequestSlots(slots, settings.set("geoetl.http.unlimited-routes")));
        wiring.bind("httpLinks", new HttpLinks(settings.optional("geoetl.http.base-url")));
        int writers = settings.integer("geoetl.http.stream-writers");
        wiring.bind("streamedReplies", new StreamedReplies(wiring.boundedPool("geoetl-reply-writer", writers, 0), writers,
                settings.duration("geoetl.http.stream-stall-timeout")));
        BodyLimits bodyLimits = wiring.bind("bodyLimits", bodyLimits(settings));
        try {
            wiring.camel().addStartupListener(new EarlyBodyLimit(bodyLimits));
            wiring.camel().addStartupListener(new LiveProbe());
            wiring.camel().addStartupListener(new HttpEventLoops(settings.integer("geoetl.http.event-loops")));
        } catch (Exception e) {
            throw new IllegalStateException("cannot install the early body limit and the liveness probe", e);
        }
        RouteDeclarations routes = new RouteDeclarations(wiring.camel());
        wiring.bind("corsPolicy", new CorsPolicy(settings.set("geoetl.http.cors.allowed-origins"), routes));
        Authenticator authenticator = authenticator(settings);
        wiring.bind("accessGuard", new AccessGuard(authenticator, settings.bool("geoetl.auth.read-open"), routes));
        bindJobEventStreams(wiring, authenticator);
    }

    /** GET /api/jobs/events/stream (settings geoetl.http.job-events.*): one shared change feed, Vert.x streams. */
    private static void bindJobEventStreams(Wiring wiring, Authenticator authenticator) {
        Settings settings = wiring.settings();
        JobChangeFeed feed = wiring.closeOnStop(new JobChangeFeed(wiring.bean("database", Database.class),
                settings.duration("geoetl.http.job-events.poll-interval"), settings.duration("geoetl.http.job-events.heartbeat")));
        JobEventStreams streams = wiring.bind("jobEventStreams", new JobEventStreams(feed, authenticator,
                settings.bool("geoetl.auth.read-open"), settings.integer("geoetl.http.job-events.max-streams")));
        try {
            wiring.camel().addStartupListener(streams);
        } catch (Exception e) {
            throw new IllegalStateException("cannot install the job event streams", e);
        }
    }

    /** geoetl.http.max-body-bytes for every route, geoetl.http.body-limits (route id:bytes) for those that take more or less. */
    private static BodyLimits bodyLimits(Settings settings) {
        Map<String, Long> byRoute = new LinkedHashMap<>();
        for (String entry : settings.set("geoetl.http.body-limits")) {
            String[] routeAndBytes = entry.split(":");
            if (routeAndBytes.length != 2) {
                throw new IllegalStateException("geoetl.http.body-limits takes route-id:bytes pairs, not '" + entry + "'");
            }
            byRoute.put(routeAndBytes[0].trim(), Long.parseLong(routeAndBytes[1].trim()));
        }
        BodyLimits limits = new BodyLimits(settings.longValue("geoetl.http.max-body-bytes"), byRoute,
                settings.duration("geoetl.http.body-stall-timeout"));
        long serverCap = settings.longValue("camel.server.maxBodySize");
        if (serverCap < limits.largest()) {
            throw new IllegalStateException("camel.server.maxBodySize (" + serverCap + ") is below the largest route body limit ("
                    + limits.largest() + "): raise it to that limit");
        }
        return limits;
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
}
