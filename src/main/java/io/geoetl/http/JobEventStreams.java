package io.geoetl.http;

import io.geoetl.http.auth.ApiKeyAuthenticator;
import io.geoetl.http.auth.Authenticator;
import io.geoetl.http.support.ApiException;
import io.geoetl.jobs.Json;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.camel.CamelContext;
import org.apache.camel.Message;
import org.apache.camel.StartupListener;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpRouter;
import org.apache.camel.support.DefaultMessage;

/**
 * GET /api/jobs/events/stream: server-sent events of job changes from the shared
 * {@link JobChangeFeed}. A Vert.x handler, not a Camel route: an open stream holds no worker
 * thread, its events are written with Vert.x's non-blocking response on the connection's own event
 * loop. At most geoetl.http.job-events.max-streams are open at once (then 503 busy); a client
 * too slow to take its events is disconnected rather than buffered. Reads follow the API's rule:
 * open unless geoetl.auth.read-open is false, then the request needs credentials (checked on a
 * worker thread, as a token check may fetch keys). Streams end when the router stops.
 */
public final class JobEventStreams implements StartupListener {
    public static final String PATH = "/api/jobs/events/stream";
    /** After EarlyBodyLimit (-1000), ahead of platform-http's own routes (0). */
    private static final int ORDER = -900;
    private static final String RECONNECT_AFTER_MILLIS = "3000";
    private final JobChangeFeed feed;
    private final Authenticator authenticator;
    private final boolean readOpen;
    private final int maxStreams;
    private final AtomicInteger open = new AtomicInteger();
    private CamelContext camel;

    public JobEventStreams(JobChangeFeed feed, Authenticator authenticator, boolean readOpen, int maxStreams) {
        this.feed = feed;
        this.authenticator = authenticator;
        this.readOpen = readOpen;
        this.maxStreams = maxStreams;
    }

    @Override
    public void onCamelContextStarted(CamelContext camel, boolean alreadyStarted) {
        // nothing yet: the HTTP router exists once the context has fully started
    }

    @Override
    public void onCamelContextFullyStarted(CamelContext camel, boolean alreadyStarted) {
        this.camel = camel;
        for (VertxPlatformHttpRouter router : camel.getRegistry().findByType(VertxPlatformHttpRouter.class)) {
            router.route(HttpMethod.GET, PATH).order(ORDER).handler(this::handle);
        }
        feed.start();
    }

    /** Streams open now. */
    public int openStreams() {
        return open.get();
    }

    private void handle(RoutingContext context) {
        if (readOpen) {
            start(context);
            return;
        }
        Message credentials = new DefaultMessage(camel);
        context.request().headers().forEach(header -> credentials.setHeader(header.getKey(), header.getValue()));
        context.vertx().executeBlocking(() -> authenticator.authenticate(credentials), false).onComplete(checked -> {
            if (checked.succeeded() && checked.result().isPresent()) {
                start(context);
            } else if (checked.failed() && checked.cause() instanceof ApiException refused) {
                refuse(context, refused);
            } else if (checked.failed()) {
                refuse(context, new ApiException(500, "internal_error", "the credentials could not be checked: " + checked.cause().getMessage()));
            } else {
                refuse(context, new ApiException(401, "unauthorized", "reads need credentials here (geoetl.auth.read-open=false): send "
                        + authenticator.expects() + " (" + ApiKeyAuthenticator.HEADER + " cannot be sent by EventSource: poll GET /api/jobs)"));
            }
        });
    }

    private void start(RoutingContext context) {
        if (open.incrementAndGet() > maxStreams) {
            open.decrementAndGet();
            refuse(context, new ApiException(503, "busy", "every job event stream is taken (geoetl.http.job-events.max-streams = " + maxStreams
                    + "); poll GET /api/jobs instead or try again later"));
            return;
        }
        HttpServerResponse response = context.response();
        response.setChunked(true)
                .putHeader(HttpHeaders.CONTENT_TYPE, "text/event-stream; charset=utf-8")
                .putHeader(HttpHeaders.CACHE_CONTROL, "no-cache")
                .putHeader("X-Accel-Buffering", "no");
        Stream stream = new Stream(response, Vertx.currentContext());
        response.closeHandler(closed -> stream.release());
        response.write("retry: " + RECONNECT_AFTER_MILLIS + "\n: connected\n\n");
        feed.subscribe(stream);
    }

    private static void refuse(RoutingContext context, ApiException error) {
        context.response().setStatusCode(error.status())
                .putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
                .end(Json.write(Json.object().put("code", error.code()).put("message", error.getMessage()).set("details", Json.object())));
    }

    /** One open stream: writes happen on the connection's event loop. */
    private final class Stream implements JobChangeFeed.Subscriber {
        private final HttpServerResponse response;
        private final Context context;
        private final AtomicBoolean released = new AtomicBoolean();

        Stream(HttpServerResponse response, Context context) {
            this.response = response;
            this.context = context;
        }

        @Override
        public void send(String frame) {
            context.runOnContext(ignored -> {
                if (released.get() || response.ended() || response.closed()) return;
                if (response.writeQueueFull()) {
                    // the client does not read: drop it instead of buffering events for it
                    release();
                    response.reset();
                    return;
                }
                response.write(frame);
            });
        }

        @Override
        public void end() {
            context.runOnContext(ignored -> {
                release();
                if (!response.ended() && !response.closed()) response.end();
            });
        }

        void release() {
            if (released.compareAndSet(false, true)) {
                feed.unsubscribe(this);
                open.decrementAndGet();
            }
        }
    }
}
