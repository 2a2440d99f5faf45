package io.geoetl.http;

import io.geoetl.jobs.Json;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;
import org.apache.camel.CamelContext;
import org.apache.camel.StartupListener;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpRouter;

/**
 * Answers GET /api/health/live on the Vert.x event loop, ahead of every other handler: the reply
 * is a constant, so it needs neither a worker thread (every one may be busy with submissions)
 * nor a Camel exchange. An orchestrator's liveness probe thus only fails when the process no
 * longer serves HTTP. The REST route health-live still declares the path for the API description
 * (GET /api/openapi.json), but requests never reach it.
 */
final class LiveProbe implements StartupListener {
    static final String PATH = "/api/health/live";
    /** Vert.x runs handlers by order; platform-http's own start at 0, the early body limit at -1,000. */
    private static final int FIRST = -2_000;
    private static final String UP = Json.write(Json.object().put("status", "up"));

    @Override
    public void onCamelContextStarted(CamelContext camel, boolean alreadyStarted) {
        // nothing yet: camel-platform-http-main registers its router once the context has fully started
    }

    @Override
    public void onCamelContextFullyStarted(CamelContext camel, boolean alreadyStarted) {
        for (VertxPlatformHttpRouter router : camel.getRegistry().findByType(VertxPlatformHttpRouter.class)) {
            router.get(PATH).order(FIRST).handler(LiveProbe::answer);
        }
    }

    private static void answer(RoutingContext context) {
        context.response().setStatusCode(200).putHeader(HttpHeaders.CONTENT_TYPE, "application/json").end(UP);
    }
}
