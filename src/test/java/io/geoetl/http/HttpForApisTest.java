package io.geoetl.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.geoetl.jobs.Json;
import io.geoetl.testing.Api;
import io.geoetl.testing.RunningRouter;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What API packages get from io.geoetl.http.support, over real HTTP through test-only routes
 * (test-routes/http-probes.yaml): a POST declared read-only needs no write credentials while an
 * undeclared one does, absolute links honour the forwarded headers or geoetl.http.base-url, a
 * reply may have its own media type, and a streamed reply reaches the client while it is written.
 */
class HttpForApisTest {
    static final String PROBE_ROUTES = "file:./routes/*.yaml,classpath:test-routes/http-probes.yaml";
    private static final String READ_KEY = "read-only-key-77a1c3d9e0";
    private static RunningRouter router;
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void start() {
        router = RunningRouter.builder().property("camel.main.routesIncludePattern", PROBE_ROUTES)
                .property("geoetl.auth.reader.api-key", "viewer:" + READ_KEY).start();
    }

    @AfterAll
    static void stop() {
        router.close();
    }

    @Test
    void aPostDeclaredReadOnlyNeedsNoWriteCredentials() {
        assertThat(Api.anonymous(router.baseUrl()).post("/api/probe/search", "{}").status()).isEqualTo(200);
        assertThat(Api.withCredentials(router.baseUrl(), "X-API-Key", READ_KEY).post("/api/probe/search", "{}").status()).isEqualTo(200);
    }

    @Test
    void aPostThatSaysNothingIsAWrite() {
        Api.Reply anonymous = Api.anonymous(router.baseUrl()).post("/api/probe/plain", "{}");
        assertThat(anonymous.status()).isEqualTo(401);
        assertThat(anonymous.body().get("code").asText()).isEqualTo("unauthorized");
        assertThat(Api.withCredentials(router.baseUrl(), "X-API-Key", READ_KEY).post("/api/probe/plain", "{}").status()).isEqualTo(403);
        assertThat(new Api(router.baseUrl()).post("/api/probe/plain", "{}").status()).isEqualTo(200);
    }

    @Test
    void aReadOnlyPostStillNeedsCredentialsWhenReadsAreClosed() {
        try (RunningRouter closed = RunningRouter.builder().property("camel.main.routesIncludePattern", PROBE_ROUTES)
                .property("geoetl.auth.read-open", "false").property("geoetl.auth.reader.api-key", "viewer:" + READ_KEY).start()) {
            assertThat(Api.anonymous(closed.baseUrl()).post("/api/probe/search", "{}").status()).isEqualTo(401);
            assertThat(Api.withCredentials(closed.baseUrl(), "X-API-Key", READ_KEY).post("/api/probe/search", "{}").status()).isEqualTo(200);
        }
    }

    @Test
    void linksFollowTheRequestAndTheForwardedHeaders() throws Exception {
        HttpResponse<String> direct = http.send(HttpRequest.newBuilder(URI.create(router.baseUrl() + "/api/probe/links")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(direct.statusCode()).isEqualTo(200);
        assertThat(direct.headers().firstValue("Content-Type")).hasValue("application/geo+json");
        assertThat(Json.parse(direct.body()).get("href").asText()).isEqualTo(router.baseUrl() + "/api/jobs");

        HttpResponse<String> proxied = http.send(HttpRequest.newBuilder(URI.create(router.baseUrl() + "/api/probe/links"))
                .header("X-Forwarded-Proto", "https").header("X-Forwarded-Host", "geo.example.org, inner.proxy")
                .header("X-Forwarded-Prefix", "/etl/").build(), HttpResponse.BodyHandlers.ofString());
        assertThat(Json.parse(proxied.body()).get("href").asText()).isEqualTo("https://geo.example.org/etl/api/jobs");
    }

    @Test
    void theConfiguredBaseUrlWins() {
        try (RunningRouter configured = RunningRouter.builder().property("camel.main.routesIncludePattern", PROBE_ROUTES)
                .property("geoetl.http.base-url", "https://data.example.org/geo/").start()) {
            Api.Reply reply = Api.anonymous(configured.baseUrl()).get("/api/probe/links");
            assertThat(reply.body().get("href").asText()).isEqualTo("https://data.example.org/geo/api/jobs");
        }
    }

    @Test
    void aBodyOverTheServersCapIsRefusedBeforeItIsRead() {
        Api.Reply reply = new Api(router.baseUrl()).submit("hello_world", "{\"pad\": \"" + "x".repeat(2 * HttpProbes.MIB) + "\"}");
        assertThat(reply.status()).as("camel.server.maxBodySize = 1 MiB").isEqualTo(413);
    }

    @Test
    void aStreamedReplyReachesTheClientWhileItIsStillBeingWritten() throws Exception {
        CountDownLatch gate = new CountDownLatch(1);
        HttpProbes.streamGate = gate;
        try {
            HttpResponse<InputStream> response = http.send(HttpRequest.newBuilder(URI.create(router.baseUrl() + "/api/probe/stream?mib=64"))
                    .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofInputStream());
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.headers().firstValue("Content-Type")).hasValue("application/octet-stream");
            assertThat(response.headers().firstValue("Content-Length")).as("sent chunked, length unknown up front").isEmpty();
            try (InputStream body = response.body()) {
                byte[] first = body.readNBytes(HttpProbes.MIB);
                assertThat(first).hasSize(HttpProbes.MIB);
                assertThat(HttpProbes.STREAMED.get()).as("the writer is still waiting at 1 MiB").isEqualTo(HttpProbes.MIB);
                gate.countDown();
                long rest = 0;
                byte[] buffer = new byte[1 << 16];
                for (int n; (n = body.read(buffer)) > 0; ) rest += n;
                assertThat(HttpProbes.MIB + rest).isEqualTo(64L * HttpProbes.MIB);
            }
        } finally {
            gate.countDown();
        }
    }

    @Test
    void aWriterHeldBackByASlowClientDoesNotRunAhead() throws Exception {
        HttpProbes.streamGate = new CountDownLatch(0);
        HttpResponse<InputStream> response = http.send(HttpRequest.newBuilder(URI.create(router.baseUrl() + "/api/probe/stream?mib=256"))
                .timeout(Duration.ofSeconds(60)).build(), HttpResponse.BodyHandlers.ofInputStream());
        try (InputStream body = response.body()) {
            Thread.sleep(1500);
            assertThat(HttpProbes.STREAMED.get()).as("bytes written while the client read nothing: bounded by buffers, not the body")
                    .isLessThan(64L * HttpProbes.MIB);
            long total = 0;
            byte[] buffer = new byte[1 << 16];
            for (int n; (n = body.read(buffer)) > 0; ) total += n;
            assertThat(total).isEqualTo(256L * HttpProbes.MIB);
        }
    }
}
