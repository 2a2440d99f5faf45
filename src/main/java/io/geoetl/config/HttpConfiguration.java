package io.geoetl.config;

import io.geoetl.http.HealthApi;
import io.geoetl.http.RequestSlots;
import io.geoetl.http.auth.AccessGuard;
import io.geoetl.http.auth.ApiKeyAuthenticator;
import io.geoetl.http.auth.Authenticator;
import io.geoetl.http.auth.EntraTokenAuthenticator;
import io.geoetl.http.support.CorsPolicy;
import io.geoetl.http.support.HttpLinks;
import io.geoetl.http.support.RouteDeclarations;
import io.geoetl.http.support.StreamedReplies;
import io.vertx.core.VertxOptions;
import java.util.concurrent.ExecutorService;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.ThreadPoolBuilder;
import org.apache.camel.spi.Registry;
import org.apache.camel.util.concurrent.ThreadPoolRejectedPolicy;

/**
 * The HTTP side (settings geoetl.http.*, geoetl.auth.*): the Vert.x worker pool that runs every
 * request, the request slots that keep some of its threads for /api/health, CORS, the access guard,
 * absolute links and streamed replies for the API packages (beans httpLinks, streamedReplies).
 */
final class HttpConfiguration {
    private HttpConfiguration() {}

    static void bind(Settings settings, CamelContext camel) {
        Registry registry = camel.getRegistry();
        int workerThreads = settings.integer("geoetl.http.worker-threads");
        int slots = settings.integer("geoetl.http.request-slots");
        if (slots >= workerThreads) {
            throw new IllegalStateException("geoetl.http.request-slots (" + slots + ") must be smaller than geoetl.http.worker-threads ("
                    + workerThreads + "), or slow requests can take every thread and /api/health stops answering");
        }
        // platform-http-vertx creates its Vert.x instance from the VertxOptions bean of the registry
        registry.bind("vertxOptions", new VertxOptions().setWorkerPoolSize(workerThreads));
        registry.bind("requestSlots", new RequestSlots(slots, settings.set("geoetl.http.unlimited-routes")));
        registry.bind("httpLinks", new HttpLinks(settings.optional("geoetl.http.base-url")));
        int writers = settings.integer("geoetl.http.stream-writers");
        registry.bind("streamedReplies", new StreamedReplies(boundedPool(camel, "geoetl-reply-writer", writers, 0)));
        RouteDeclarations routes = new RouteDeclarations(camel);
        registry.bind("corsPolicy", new CorsPolicy(settings.set("geoetl.http.cors.allowed-origins"), routes));
        registry.bind("accessGuard", new AccessGuard(authenticator(settings), settings.bool("geoetl.auth.read-open"), routes));
    }

    /** The health checks run on two threads of their own and answer within geoetl.http.health-timeout. */
    static HealthApi healthApi(Settings settings, CamelContext camel) {
        return new HealthApi(boundedPool(camel, "geoetl-health", 4, 8), settings.duration("geoetl.http.health-timeout"));
    }

    /** A fixed pool with a bounded queue that rejects (never runs on the caller) when full; Camel shuts it down. */
    static ExecutorService boundedPool(CamelContext camel, String name, int threads, int queue) {
        try {
            return new ThreadPoolBuilder(camel).poolSize(threads).maxPoolSize(threads).maxQueueSize(queue)
                    .rejectedPolicy(ThreadPoolRejectedPolicy.Abort).build(HttpConfiguration.class, name);
        } catch (Exception e) {
            throw new IllegalStateException("cannot create the " + name + " thread pool", e);
        }
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
