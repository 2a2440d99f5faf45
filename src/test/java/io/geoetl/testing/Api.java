package io.geoetl.testing;

import com.fasterxml.jackson.databind.JsonNode;
import io.geoetl.jobs.Json;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.function.Predicate;

/** A small HTTP client for the router's JSON API, with a wait-for-job helper. */
public final class Api {
    /** The API key every test router accepts (geoetl.auth.api-key), sent by default. */
    public static final String TEST_API_KEY = "test-key-0f3a9c1e7b2d4a68";
    /** The setting value for test routers: the key, named "tests". */
    public static final String TEST_API_KEYS = "tests:" + TEST_API_KEY;

    // HTTP/1.1: with HTTP/2 the JDK client holds concurrent requests back until the first answers (h2c upgrade)
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
    private final String baseUrl;
    private final Map<String, String> headers;

    /** A client that sends the test API key (test routers accept it for every endpoint). */
    public Api(String baseUrl) {
        this(baseUrl, Map.of("X-API-Key", TEST_API_KEY));
    }

    private Api(String baseUrl, Map<String, String> headers) {
        this.baseUrl = baseUrl;
        this.headers = headers;
    }

    /** A client that sends no credentials. */
    public static Api anonymous(String baseUrl) {
        return new Api(baseUrl, Map.of());
    }

    /** A client that sends exactly these headers with every request (and no other credentials). */
    public static Api withHeaders(String baseUrl, Map<String, String> headers) {
        return new Api(baseUrl, Map.copyOf(headers));
    }

    /** A client that sends exactly this header as its credentials (X-API-Key, Authorization …). */
    public static Api withCredentials(String baseUrl, String header, String value) {
        return new Api(baseUrl, Map.of(header, value));
    }

    public Reply send(String method, String path, String body) {
        return send(HttpRequest.newBuilder(URI.create(baseUrl + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                .header("Content-Type", "application/json"));
    }

    public record Reply(int status, JsonNode body, String text) {}

    public Reply get(String path) {
        return send(HttpRequest.newBuilder(URI.create(baseUrl + path)).GET());
    }

    public Reply post(String path, String body) {
        return post(path, body, "application/json");
    }

    public Reply post(String path, String body, String contentType) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path))
                .POST(HttpRequest.BodyPublishers.ofString(body == null ? "" : body));
        if (contentType != null) request.header("Content-Type", contentType);
        return send(request);
    }

    public Reply submit(String jobType, String parameters) {
        return post("/api/jobs/submit/" + jobType, parameters);
    }

    /** Polls GET /api/jobs/{id} until {@code done} holds or the timeout passes (then fails with the last status). */
    public JsonNode waitForJob(String jobId, Duration timeout, Predicate<JsonNode> done) {
        long deadline = System.nanoTime() + timeout.toNanos();
        JsonNode last = null;
        while (System.nanoTime() < deadline) {
            last = get("/api/jobs/" + jobId).body();
            if (done.test(last)) return last;
            sleep(200);
        }
        throw new AssertionError("job " + jobId + " not done within " + timeout + "; last status: " + last);
    }

    /** Waits until the job reaches a final status. */
    public JsonNode waitForFinal(String jobId, Duration timeout) {
        return waitForJob(jobId, timeout, job -> {
            String status = job.path("status").asText();
            return status.equals("completed") || status.equals("failed") || status.equals("completed_with_errors");
        });
    }

    private Reply send(HttpRequest.Builder request) {
        headers.forEach(request::header);
        try {
            HttpResponse<String> response = http.send(request.timeout(Duration.ofSeconds(60)).build(), HttpResponse.BodyHandlers.ofString());
            JsonNode body = null;
            try {
                body = Json.parse(response.body());
            } catch (RuntimeException notJson) {
                // leave body null; the text is still there for assertions
            }
            return new Reply(response.statusCode(), body, response.body());
        } catch (Exception e) {
            throw new IllegalStateException("HTTP call failed: " + e.getMessage(), e);
        }
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
