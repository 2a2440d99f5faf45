package io.geoetl.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.geoetl.testing.Api;
import io.geoetl.testing.RunningRouter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * CORS over real HTTP (geoetl.http.cors.allowed-origins = a named origin and *): any page may
 * read, only the named origin may write, preflights are answered without credentials.
 */
class CorsTest {
    private static final String NAMED = "https://maps.example.org";
    private static final String OTHER = "https://elsewhere.example.com";
    private static RunningRouter router;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @BeforeAll
    static void start() {
        router = RunningRouter.builder().property("camel.main.routesIncludePattern", HttpForApisTest.PROBE_ROUTES)
                .property("geoetl.http.cors.allowed-origins", NAMED + ", *").start();
    }

    @AfterAll
    static void stop() {
        router.close();
    }

    @Test
    void anyOriginMayRead() throws Exception {
        HttpResponse<String> reply = send("GET", "/api/jobs", OTHER, false);
        assertThat(reply.statusCode()).isEqualTo(200);
        assertThat(reply.headers().firstValue("Access-Control-Allow-Origin")).hasValue("*");
        HttpResponse<String> search = send("POST", "/api/probe/search", OTHER, false);
        assertThat(search.statusCode()).as("a read-only POST is a read").isEqualTo(200);
        assertThat(search.headers().firstValue("Access-Control-Allow-Origin")).hasValue("*");
    }

    @Test
    void theNamedOriginGetsItsOwnNameBack() throws Exception {
        HttpResponse<String> reply = send("GET", "/api/jobs", NAMED, false);
        assertThat(reply.headers().firstValue("Access-Control-Allow-Origin")).hasValue(NAMED);
        assertThat(reply.headers().firstValue("Vary")).hasValue("Origin");
    }

    @Test
    void onlyTheNamedOriginMayWrite() throws Exception {
        HttpResponse<String> refused = send("POST", "/api/probe/plain", OTHER, true);
        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(refused.body()).contains("origin_not_allowed");
        assertThat(refused.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();

        HttpResponse<String> accepted = send("POST", "/api/probe/plain", NAMED, true);
        assertThat(accepted.statusCode()).isEqualTo(200);
        assertThat(accepted.headers().firstValue("Access-Control-Allow-Origin")).hasValue(NAMED);

        HttpResponse<String> noKey = send("POST", "/api/probe/plain", NAMED, false);
        assertThat(noKey.statusCode()).as("a named origin still needs write credentials").isEqualTo(401);
        assertThat(noKey.headers().firstValue("Access-Control-Allow-Origin")).as("so the page can read the error").hasValue(NAMED);
    }

    @Test
    void preflightsAreAnsweredWithoutCredentials() throws Exception {
        HttpResponse<String> named = preflight("/api/jobs/submit/hello_world", NAMED);
        assertThat(named.statusCode()).isEqualTo(204);
        assertThat(named.headers().firstValue("Access-Control-Allow-Origin")).hasValue(NAMED);
        assertThat(named.headers().firstValue("Access-Control-Allow-Methods").orElse("")).contains("POST", "DELETE");
        assertThat(named.headers().firstValue("Access-Control-Allow-Headers").orElse("")).contains("X-API-Key");

        HttpResponse<String> other = preflight("/api/probe/search", OTHER);
        assertThat(other.statusCode()).isEqualTo(204);
        assertThat(other.headers().firstValue("Access-Control-Allow-Origin")).hasValue("*");
        assertThat(other.headers().firstValue("Access-Control-Allow-Methods").orElse("")).doesNotContain("DELETE");
    }

    @Test
    void withoutTheSettingNoCorsHeaderIsSent() throws Exception {
        try (RunningRouter plain = RunningRouter.builder().start()) {
            HttpResponse<String> reply = http.send(HttpRequest.newBuilder(URI.create(plain.baseUrl() + "/api/jobs")).header("Origin", OTHER).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(reply.statusCode()).isEqualTo(200);
            assertThat(reply.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
            HttpResponse<String> preflight = http.send(HttpRequest.newBuilder(URI.create(plain.baseUrl() + "/api/jobs"))
                    .method("OPTIONS", HttpRequest.BodyPublishers.noBody()).header("Origin", OTHER)
                    .header("Access-Control-Request-Method", "GET").build(), HttpResponse.BodyHandlers.ofString());
            assertThat(preflight.statusCode()).isEqualTo(204);
            assertThat(preflight.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
        }
    }

    @Test
    void aPageOfTheRouterItselfMayWriteWithCredentialsAndGetsNoCorsHeaders() throws Exception {
        HttpResponse<String> own = send("POST", "/api/probe/plain", router.baseUrl(), true);
        assertThat(own.statusCode()).as("the console calls its own router: same origin").isEqualTo(200);
        assertThat(own.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
        assertThat(send("POST", "/api/probe/plain", router.baseUrl(), false).statusCode()).as("still needs write credentials").isEqualTo(401);
        assertThat(send("POST", "/api/probe/plain", router.baseUrl().replace("127.0.0.1", "127.0.0.2"), true).statusCode())
                .as("another host on the same port is another origin").isEqualTo(403);
    }

    private HttpResponse<String> send(String method, String path, String origin, boolean withKey) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(router.baseUrl() + path)).header("Origin", origin)
                .header("Content-Type", "application/json")
                .method(method, method.equals("GET") ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString("{}"));
        if (withKey) request.header("X-API-Key", Api.TEST_API_KEY);
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> preflight(String path, String origin) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(router.baseUrl() + path)).method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                .header("Origin", origin).header("Access-Control-Request-Method", "POST")
                .header("Access-Control-Request-Headers", "content-type, x-api-key").build(), HttpResponse.BodyHandlers.ofString());
    }
}
