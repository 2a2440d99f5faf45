package io.geoetl.ops;

import static org.assertj.core.api.Assertions.assertThat;

import io.geoetl.testing.Api;
import io.geoetl.testing.PrivateServices;
import io.geoetl.testing.RouterProcess;
import io.geoetl.testing.SecretLedger;
import io.geoetl.testing.TestDb;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A router run with known secrets (database password of a password-protected cluster, storage
 * account key, API key) through submissions, failures, refused requests, janitor, poison and
 * shutdown: none of the secrets appears in its log, in any API response, in job parameters or in
 * the event history.
 */
class SecretsStayHiddenTest {

    @Test
    void noSecretAppearsInLogsResponsesParametersOrEvents() {
        String apiKey = "secret-api-key-" + Long.toHexString(Double.doubleToLongBits(Math.random()));
        try (PrivateServices services = PrivateServices.start()) {
            List<String> secrets = List.of(services.dbPassword(), services.storageKey(), apiKey, services.connectionString());
            SecretLedger.record(secrets);
            List<String> responses = new ArrayList<>();
            RouterProcess router = RouterProcess.builder(services.addresses()).name("secret-keeper")
                    .env("GEOETL_AUTH_API_KEY", "ops:" + apiKey)
                    .property("geoetl.tasks.backoff-base", "PT1S")
                    .start();
            try {
                Api api = Api.withCredentials(router.baseUrl(), "X-API-Key", apiKey);
                String ok = api.submit("hello_world", "{\"n\": 2}").body().get("job_id").asText();
                String failing = api.submit("hello_world", "{\"n\": 2, \"fail_permanently\": [1]}").body().get("job_id").asText();
                api.waitForFinal(ok, Duration.ofSeconds(60));
                api.waitForFinal(failing, Duration.ofSeconds(60));
                responses.add(api.post("/api/jobs/" + failing + "/retry", "").text());
                api.waitForFinal(failing, Duration.ofSeconds(60));
                responses.add(api.post("/api/jobs/" + ok + "/cleanup", "").text());
                responses.add(api.post("/api/dbadmin/janitor/run", "").text());
                responses.add(Api.withCredentials(router.baseUrl(), "X-API-Key", "wrong-" + apiKey).submit("hello_world", "{}").text());
                responses.add(api.submit("hello_world", "{\"n\": \"" + "x" + "\"}").text());
                for (String path : List.of("/api/jobs/" + ok, "/api/jobs/" + failing, "/api/jobs/" + ok + "/tasks",
                        "/api/jobs/" + failing + "/events", "/api/jobs", "/api/health", "/api/metrics",
                        "/api/dbadmin/zombie-tasks", "/api/dbadmin/poison")) {
                    responses.add(api.get(path).text());
                }
                router.terminate(Duration.ofSeconds(60));
            } finally {
                router.close();
            }

            String log = router.logText();
            assertThat(log).as("the router logged its start and its shutdown").contains("Apache Camel").contains("is shutting down");
            TestDb db = services.db();
            String stored = String.join("\n", db.column("select parameters::text from app.jobs"))
                    + String.join("\n", db.column("select coalesce(reason, '') || coalesce(actor, '') from app.job_events"))
                    + String.join("\n", db.column("select coalesce(error::text, '') || coalesce(result::text, '') from app.tasks"));
            for (String secret : secrets) {
                String hint = "a secret of " + secret.length() + " characters";
                assertThat(log).as("router log contains " + hint).doesNotContain(secret);
                assertThat(responses).as("API responses contain " + hint).noneMatch(r -> r.contains(secret));
                assertThat(stored).as("jobs and events contain " + hint).doesNotContain(secret);
            }
        }
    }
}
