package io.geoetl.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.geoetl.testing.Api;
import io.geoetl.testing.CountingJobType;
import io.geoetl.testing.RunningRouter;
import io.geoetl.testing.TestDb;
import io.geoetl.testing.TestServices;
import io.geoetl.testing.Waits;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** Probes for orchestrators: live = the process answers; ready = database, storage and queue reachable, and not stopping. */
class HealthProbesTest {

    @Test
    void liveAnswersAndReadyChecksDatabaseStorageAndQueue() {
        try (RunningRouter router = RunningRouter.builder().start()) {
            Api api = Api.anonymous(router.baseUrl());

            Api.Reply live = api.get("/api/health/live");
            Api.Reply ready = api.get("/api/health/ready");

            assertThat(live.status()).isEqualTo(200);
            assertThat(live.body().get("status").asText()).isEqualTo("up");
            assertThat(ready.status()).as(ready.text()).isEqualTo(200);
            assertThat(ready.body().get("status").asText()).isEqualTo("up");
            assertThat(ready.body().get("checks").fieldNames()).toIterable().containsExactlyInAnyOrder("database", "storage", "queue");
        }
    }

    @Test
    void readyTurnsUnavailableWhileTheRouterShutsDownAndLiveStillAnswers() {
        TestServices.get().deleteAllJobs();
        RunningRouter router = RunningRouter.builder()
                .property("geoetl.worker.shutdown-grace", "PT20S")
                .jobTypes(r -> r.register(new CountingJobType()))
                .start();
        Api api = new Api(router.baseUrl());
        String jobId = api.submit("counting", "{\"n\": 1, \"sleep_ms\": 8000, \"label\": \"ready-while-stopping\"}").body().get("job_id").asText();
        Waits.until("the task runs", Duration.ofSeconds(60),
                () -> TestDb.shared().count("select count(*) from app.tasks where job_id = ? and status = 'processing'", jobId) == 1);

        CompletableFuture<Void> stopping = CompletableFuture.runAsync(router::close);
        try {
            Api.Reply ready = Waits.until("ready reports shutting down", Duration.ofSeconds(10), () -> api.get("/api/health/ready"),
                    reply -> reply.status() == 503);
            assertThat(ready.body().get("status").asText()).isEqualTo("shutting_down");
            assertThat(api.get("/api/health/live").status()).isEqualTo(200);
        } finally {
            stopping.join();
        }
    }
}
