package io.geoetl.http;

import io.vertx.core.AbstractVerticle;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Handler;
import io.vertx.core.Promise;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.apache.camel.CamelContext;
import org.apache.camel.StartupListener;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpRouter;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpServer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Spreads the HTTP connections over {@code eventLoops} Vert.x event loops. platform-http-vertx
 * listens with one server, so one event-loop thread reads, routes and writes every request. Under
 * a burst of submissions on a small machine that thread is runnable all the time but gets only its
 * fair share of the cores next to the worker threads, and every reply, /api/health/live included,
 * waits behind the others' reads and writes. Vert.x hands the connections of servers that listen
 * on the same address round-robin to each server's event loop, so this adds {@code eventLoops - 1}
 * servers with the same request handler (the same router, the same Camel routes) on the port
 * Camel's server listens on. TLS is ended in front of the router (deploy/), so the extra servers
 * use plain HTTP as Camel's does.
 */
final class HttpEventLoops implements StartupListener {
    private static final Logger LOG = LoggerFactory.getLogger(HttpEventLoops.class);
    private static final Duration LISTEN_TIMEOUT = Duration.ofSeconds(30);
    private final int eventLoops;

    HttpEventLoops(int eventLoops) {
        if (eventLoops < 1) throw new IllegalArgumentException("geoetl.http.event-loops must be at least 1, got " + eventLoops);
        this.eventLoops = eventLoops;
    }

    @Override
    public void onCamelContextStarted(CamelContext camel, boolean alreadyStarted) {
        // nothing yet: camel-platform-http-main starts its server once the context has fully started
    }

    @Override
    public void onCamelContextFullyStarted(CamelContext camel, boolean alreadyStarted) throws Exception {
        if (eventLoops == 1) return;
        for (VertxPlatformHttpRouter router : camel.getRegistry().findByType(VertxPlatformHttpRouter.class)) {
            VertxPlatformHttpServer camelServer = router.getServer();
            HttpServer listening = camelServer.getServer();
            Handler<HttpServerRequest> handler = listening.requestHandler();
            int port = listening.actualPort();
            String host = camelServer.getHost();
            DeploymentOptions instances = new DeploymentOptions().setInstances(eventLoops - 1);
            router.vertx().deployVerticle(() -> new SharedListener(handler, host, port), instances)
                    .toCompletionStage().toCompletableFuture().get(LISTEN_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            LOG.info("HTTP on {}:{} served by {} event loops (geoetl.http.event-loops)", host, port, eventLoops);
        }
    }

    /** One more server on the address Camel's listens on, on the event loop of its own verticle instance. */
    private static final class SharedListener extends AbstractVerticle {
        private final Handler<HttpServerRequest> handler;
        private final String host;
        private final int port;

        SharedListener(Handler<HttpServerRequest> handler, String host, int port) {
            this.handler = handler;
            this.host = host;
            this.port = port;
        }

        @Override
        public void start(Promise<Void> started) {
            vertx.createHttpServer(new HttpServerOptions()).requestHandler(handler).listen(port, host)
                    .<Void>mapEmpty().onComplete(started);
        }
    }
}
