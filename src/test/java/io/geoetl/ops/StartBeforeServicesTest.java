package io.geoetl.ops;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.geoetl.testing.Api;
import io.geoetl.testing.PrivateServices;
import io.geoetl.testing.RouterProcess;
import io.geoetl.testing.Waits;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A router started while PostgreSQL and Azurite are down waits for them (geoetl.startup.wait)
 * instead of dying, and serves once they answer. Uses its own services (PrivateServices).
 */
class StartBeforeServicesTest {

    @Test
    void aRouterStartedBeforeItsServicesComesUpWhenTheyAnswer() throws Exception {
        try (PrivateServices services = PrivateServices.start()) {
            services.stopPostgres();
            services.stopAzurite();
            String name = "start-before-services";
            Path log = Path.of("target", "router-logs", name + ".log");
            Files.deleteIfExists(log);
            CompletableFuture<RouterProcess> starting = CompletableFuture.supplyAsync(
                    () -> RouterProcess.builder(services.addresses()).name(name).property("geoetl.startup.wait", "PT3M").start());

            Waits.until("the router says it waits for the database", Duration.ofSeconds(60),
                    () -> logContains(log, "waiting for the database"));
            services.startPostgres();
            services.startAzurite();

            try (RouterProcess router = starting.get(3, TimeUnit.MINUTES)) {
                Api api = new Api(router.baseUrl());
                Waits.until("health up", Duration.ofSeconds(60), () -> api.get("/api/health").status() == 200);
                Api.Reply submitted = api.submit("hello_world", "{\"n\": 3}");
                assertThat(submitted.status()).as(submitted.text()).isEqualTo(201);
                JsonNode job = api.waitForFinal(submitted.body().get("job_id").asText(), Duration.ofSeconds(60));
                assertThat(job.get("status").asText()).isEqualTo("completed");
                assertThat(router.isAlive()).isTrue();
            }
        }
    }

    private static boolean logContains(Path log, String text) {
        try {
            return Files.exists(log) && Files.readString(log).contains(text);
        } catch (java.io.IOException e) {
            return false;
        }
    }
}
