package io.geoetl.http.support;

import io.geoetl.jobs.Json;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;
import org.apache.camel.CamelContext;
import org.apache.camel.StartupListener;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpRouter;

/**
 * Refuses a request whose Content-Length is above its route's limit with a JSON 413 before the
 * server reads the body: a Vert.x handler placed ahead of platform-http's body handler. Installed
 * when Camel has started (the router and the routes exist then).
 */
public final class EarlyBodyLimit implements StartupListener {
    /** Vert.x runs handlers by order; platform-http's own start at 0. */
    private static final int BEFORE_EVERYTHING = -1_000;
    private final BodyLimits limits;

    public EarlyBodyLimit(BodyLimits limits) {
        this.limits = limits;
    }

    @Override
    public void onCamelContextStarted(CamelContext camel, boolean alreadyStarted) {
        // nothing yet: the routes are known once the context has fully started
    }

    @Override
    public void onCamelContextFullyStarted(CamelContext camel, boolean alreadyStarted) {
        limits.learnRoutes(camel);
        // camel-platform-http-main registers its router under a name with the port in it
        for (VertxPlatformHttpRouter router : camel.getRegistry().findByType(VertxPlatformHttpRouter.class)) {
            router.route().order(BEFORE_EVERYTHING).handler(this::refuseOversized);
        }
    }

    private void refuseOversized(RoutingContext context) {
        String declared = context.request().getHeader(HttpHeaders.CONTENT_LENGTH);
        long size = declared == null ? -1 : parse(declared);
        // most requests (every GET) fit the smallest limit: no need to find their route
        if (size > limits.smallest()) {
            long limit = limits.limitFor(context.request().method().name(), context.request().path());
            if (size > limit) {
                ApiException error = BodyLimits.tooLarge(size, limit);
                context.response().setStatusCode(413)
                        .putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
                        .putHeader(HttpHeaders.CONNECTION, "close")
                        .end(Json.write(Json.object().put("code", error.code()).put("message", error.getMessage())
                                .set("details", Json.object().put("limit", limit))));
                return;
            }
        }
        context.next();
    }

    private static long parse(String contentLength) {
        try {
            return Long.parseLong(contentLength.trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
