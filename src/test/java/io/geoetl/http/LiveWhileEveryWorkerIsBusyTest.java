package io.geoetl.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.geoetl.testing.Api;
import io.geoetl.testing.RunningRouter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import io.geoetl.testing.Waits;
import org.junit.jupiter.api.Test;

/**
 * /api/health/live answers on the Vert.x event loop: while slow requests hold every request slot
 * and every HTTP worker thread (so that even /api/health, which needs no slot, waits), the live
 * probe still answers at once.
 */
class LiveWhileEveryWorkerIsBusyTest {
    private static final int WORKER_THREADS = 6;
    private static final int SLOTS = 4;
    private static final int HOLD_MILLIS = 8_000;

    @Test
    void liveAnswersWhileEveryWorkerThreadAndRequestSlotIsHeld() throws Exception {
        try (RunningRouter router = RunningRouter.builder().property("camel.main.routesIncludePattern", HttpForApisTest.PROBE_ROUTES)
                .property("geoetl.http.worker-threads", String.valueOf(WORKER_THREADS))
                .property("geoetl.http.request-slots", String.valueOf(SLOTS))
                .property("geoetl.http.listing-slots", "1")
                .property("geoetl.http.unlimited-routes", "health, health-live, health-ready, probe-slow-unlimited")
                .property("geoetl.janitor.enabled", "false")
                .start()) {
            Api api = new Api(router.baseUrl());
            // a fresh router's first requests are slow (class loading, JIT): not what is measured here
            assertThat(api.get("/api/health/live").status()).isEqualTo(200);
            assertThat(api.get("/api/probe/slow?millis=0").status()).isEqualTo(200);
            RequestSlots slots = router.bean("requestSlots", RequestSlots.class);
            ExecutorService clients = Executors.newFixedThreadPool(WORKER_THREADS);
            try {
                List<Future<Api.Reply>> held = new ArrayList<>();
                for (int i = 0; i < SLOTS; i++) held.add(clients.submit(() -> api.get("/api/probe/slow?millis=" + HOLD_MILLIS)));
                for (int i = SLOTS; i < WORKER_THREADS; i++) {
                    held.add(clients.submit(() -> api.get("/api/probe/slow-unlimited?millis=" + HOLD_MILLIS)));
                }
                Waits.until("every request slot taken", Duration.ofSeconds(30), () -> slots.available() == 0);
                Waits.sleep(300); // the two unlimited slow requests reach their worker threads too

                HttpClient probe = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
                assertThatThrownBy(() -> probe.send(HttpRequest.newBuilder(URI.create(router.baseUrl() + "/api/health"))
                        .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.ofString()))
                        .as("/api/health needs a worker thread, and none is free").isInstanceOf(HttpTimeoutException.class);
                for (int i = 0; i < 5; i++) {
                    long started = System.nanoTime();
                    HttpResponse<String> live = probe.send(HttpRequest.newBuilder(URI.create(router.baseUrl() + "/api/health/live"))
                            .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
                    Duration took = Duration.ofNanos(System.nanoTime() - started);
                    assertThat(live.statusCode()).isEqualTo(200);
                    assertThat(live.body()).contains("\"up\"");
                    assertThat(took).as("live answer %d", i).isLessThan(Duration.ofSeconds(1));
                }
                for (Future<Api.Reply> reply : held) {
                    assertThat(reply.get(30, TimeUnit.SECONDS).status()).as("every slow request was served").isEqualTo(200);
                }
            } finally {
                clients.shutdownNow();
            }
        }
    }
}
