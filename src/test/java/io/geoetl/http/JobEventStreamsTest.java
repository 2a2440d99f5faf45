package io.geoetl.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.geoetl.jobs.Json;
import io.geoetl.testing.Api;
import io.geoetl.testing.RunningRouter;
import io.geoetl.testing.TestServices;
import io.geoetl.testing.Waits;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * GET /api/jobs/events/stream over real HTTP: job changes arrive as server-sent events, streams
 * hold no worker thread (more streams than worker threads, and the API still answers), the limit
 * gives 503, heartbeats come, and every stream ends when the router stops.
 */
class JobEventStreamsTest {
    private static final int WORKER_THREADS = 4;
    private static final int MAX_STREAMS = 6;
    private static final Duration WAIT = Duration.ofSeconds(60);
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final List<Listener> listeners = new ArrayList<>();
    private RunningRouter router;

    @BeforeEach
    void start() {
        TestServices.get().deleteAllJobs();
        router = RunningRouter.builder()
                .property("geoetl.http.worker-threads", String.valueOf(WORKER_THREADS))
                .property("geoetl.http.request-slots", "2")
                .property("geoetl.http.listing-slots", "1")
                .property("geoetl.http.job-events.max-streams", String.valueOf(MAX_STREAMS))
                .property("geoetl.http.job-events.poll-interval", "PT0.2S")
                .property("geoetl.http.job-events.heartbeat", "PT1S")
                .start();
    }

    @AfterEach
    void stop() {
        if (router != null) router.close();
    }

    @Test
    void moreStreamsThanWorkerThreadsStayOpenReceiveJobChangesAndEndWhenTheRouterStops() throws Exception {
        for (int i = 0; i < MAX_STREAMS; i++) listeners.add(listen());
        for (Listener listener : listeners) {
            assertThat(listener.response.get(10, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
            assertThat(listener.response.get().headers().firstValue("Content-Type")).hasValue("text/event-stream; charset=utf-8");
        }
        Api api = new Api(router.baseUrl());
        // every worker thread would be taken if a stream held one: the API still answers
        assertThat(api.get("/api/jobs").status()).isEqualTo(200);

        HttpResponse<String> refused = http.send(request(), HttpResponse.BodyHandlers.ofString());
        assertThat(refused.statusCode()).isEqualTo(503);
        assertThat(Json.parse(refused.body()).path("code").asText()).isEqualTo("busy");

        String jobId = api.submit("hello_world", "{\"n\": 3}").body().get("job_id").asText();
        api.waitForFinal(jobId, WAIT);
        for (Listener listener : listeners) {
            Waits.until("every stream saw the job complete", WAIT, () -> listener.jobEvents(jobId).stream()
                    .anyMatch(event -> event.path("status").asText().equals("completed")
                            && event.path("progress_percent").asDouble() == 100.0));
        }
        Listener first = listeners.get(0);
        assertThat(first.jobEvents(jobId)).as("repeats are filtered: no two events in a row say the same")
                .extracting(event -> event.path("status").asText() + event.path("stage").asInt() + "/" + event.path("finished_in_stage").asInt())
                .doesNotHaveDuplicates();
        Waits.until("a heartbeat comment arrives", Duration.ofSeconds(10), () -> first.lines.contains(": heartbeat"));

        router.close();
        router = null;
        for (Listener listener : listeners) {
            listener.ended.get(15, TimeUnit.SECONDS);
        }
    }

    private HttpRequest request() {
        return HttpRequest.newBuilder(URI.create(router.baseUrl() + JobEventStreams.PATH)).header("Accept", "text/event-stream").GET().build();
    }

    private Listener listen() {
        Listener listener = new Listener();
        listener.response = http.sendAsync(request(), HttpResponse.BodyHandlers.ofLines());
        listener.ended = listener.response.thenAcceptAsync(response -> {
            try (Stream<String> lines = response.body()) {
                lines.forEach(listener.lines::add);
            }
        });
        return listener;
    }

    /** One open stream and every line it received. */
    private static final class Listener {
        final List<String> lines = new CopyOnWriteArrayList<>();
        CompletableFuture<HttpResponse<Stream<String>>> response;
        CompletableFuture<Void> ended;

        List<JsonNode> jobEvents(String jobId) {
            List<JsonNode> events = new ArrayList<>();
            String previous = "";
            for (String line : lines) {
                if (previous.equals("event: job") && line.startsWith("data: ")) {
                    JsonNode event = Json.parse(line.substring("data: ".length()));
                    if (event.path("job_id").asText().equals(jobId)) events.add(event);
                }
                previous = line;
            }
            return events;
        }
    }
}
