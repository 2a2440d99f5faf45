package io.geoetl.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.geoetl.testing.RunningRouter;
import io.vertx.ext.web.RoutingContext;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Set;
import java.util.TreeSet;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpRouter;
import org.junit.jupiter.api.Test;

/**
 * geoetl.http.event-loops spreads connections over that many event-loop threads; with one, every
 * connection is read on the same thread (platform-http-vertx's single server).
 */
class HttpEventLoopsTest {
    private static final int CONNECTIONS = 8;

    @Test
    void connectionsAreReadOnTwoEventLoops() throws Exception {
        assertThat(eventLoopsServing("2")).hasSize(2);
    }

    @Test
    void oneEventLoopServesEveryConnectionWhenAskedFor() throws Exception {
        assertThat(eventLoopsServing("1")).hasSize(1);
    }

    /** The names of the threads that answered requests on CONNECTIONS separate connections. */
    private static Set<String> eventLoopsServing(String eventLoops) throws Exception {
        try (RunningRouter router = RunningRouter.builder().property("geoetl.http.event-loops", eventLoops)
                .property("geoetl.janitor.enabled", "false").start()) {
            for (VertxPlatformHttpRouter http : router.camel().getRegistry().findByType(VertxPlatformHttpRouter.class)) {
                http.get("/api/test/thread").order(-3_000).handler(HttpEventLoopsTest::answerThreadName);
            }
            Set<String> threads = new TreeSet<>();
            for (int i = 0; i < CONNECTIONS; i++) {
                // a client of its own: a connection of its own
                HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
                HttpResponse<String> reply = client.send(HttpRequest.newBuilder(URI.create(router.baseUrl() + "/api/test/thread"))
                        .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
                assertThat(reply.statusCode()).isEqualTo(200);
                assertThat(reply.body()).startsWith("vert.x-eventloop-thread-");
                threads.add(reply.body());
            }
            return threads;
        }
    }

    private static void answerThreadName(RoutingContext context) {
        context.response().end(Thread.currentThread().getName());
    }
}
