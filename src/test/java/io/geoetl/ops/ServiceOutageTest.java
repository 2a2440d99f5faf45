package io.geoetl.ops;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.geoetl.testing.Api;
import io.geoetl.testing.LedgerJobType;
import io.geoetl.testing.PrivateServices;
import io.geoetl.testing.RunningRouter;
import io.geoetl.testing.TestDb;
import io.geoetl.testing.Waits;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * PostgreSQL and Azurite go away for a while: the router reports them down (503), waits and
 * retries instead of dying, and the work resumes when they are back. The services are this
 * test's own (PrivateServices), so stopping them disturbs no other test.
 */
class ServiceOutageTest {
    private static PrivateServices services;
    private static RunningRouter router;
    private static Api api;
    private static TestDb db;

    @BeforeAll
    static void start() {
        services = PrivateServices.start();
        db = services.db();
        router = RunningRouter.builder().services(services.addresses())
                .property("geoetl.janitor.cron", "0/1 * * * * ?")
                .property("geoetl.janitor.stale-after", "PT20S")
                .property("geoetl.janitor.lost-doorbell-after", "PT3S")
                .property("geoetl.tasks.heartbeat-interval", "PT0.5S")
                .property("geoetl.tasks.backoff-base", "PT1S")
                .property("geoetl.worker.visibility-timeout", "PT5S")
                .jobTypes(r -> r.register(new LedgerJobType(db, services.connectionString(), "outage-router")))
                .start();
        api = new Api(router.baseUrl());
    }

    @AfterAll
    static void stop() {
        if (router != null) router.close();
        if (services != null) services.close();
    }

    @Test
    void aPostgresRestartInTheMiddleOfAJobDelaysItButTheJobCompletes() {
        int n = 12;
        String jobId = submit(n, 800, "pg_restart");
        Waits.until("some tasks done, others not", Duration.ofSeconds(60),
                () -> db.count("select count(*) from app.tasks where job_id = ? and status = 'completed'", jobId) >= 2);

        services.stopPostgres();
        try {
            Api.Reply health = api.get("/api/health");
            assertThat(health.status()).isEqualTo(503);
            assertThat(health.body().get("checks").get("database").get("status").asText()).isEqualTo("down");
            Api.Reply refused = api.submit("ledger", "{\"n\": 1, \"table\": \"pg_restart\", \"label\": \"during outage\"}");
            assertThat(refused.status()).isEqualTo(503);
            assertThat(refused.body().get("code").asText()).isEqualTo("database_unavailable");
            Waits.sleep(3000);
        } finally {
            services.startPostgres();
        }

        JsonNode job = api.waitForFinal(jobId, Duration.ofMinutes(3));
        assertThat(job.get("status").asText()).isEqualTo("completed");
        assertThat(db.count("select count(*) from geo.pg_restart where job_id = ?", jobId)).isEqualTo(n);
        assertThat(db.count("select count(distinct task_index) from geo.pg_restart where job_id = ?", jobId)).isEqualTo(n);
        assertThat(api.get("/api/health").status()).isEqualTo(200);
        String after = submit(2, 0, "pg_restart");
        assertThat(api.waitForFinal(after, Duration.ofSeconds(60)).get("status").asText()).isEqualTo("completed");
    }

    @Test
    void anAzuriteRestartStopsNothingForGoodAndConsumersResume() {
        services.stopAzurite();
        String during;
        try {
            Api.Reply health = api.get("/api/health");
            assertThat(health.status()).isEqualTo(503);
            assertThat(health.body().get("checks").get("queue").get("status").asText()).isEqualTo("down");
            assertThat(health.body().get("checks").get("storage").get("status").asText()).isEqualTo("down");
            // accepted: the job is in the database; its doorbells could not be rung
            Api.Reply submitted = api.submit("ledger", "{\"n\": 3, \"table\": \"azurite_restart\", \"label\": \"during outage\", \"container\": \"outage\"}");
            assertThat(submitted.status()).as(submitted.text()).isEqualTo(201);
            during = submitted.body().get("job_id").asText();
            Waits.sleep(3000);
        } finally {
            services.startAzurite();
        }

        // the janitor re-sends the lost doorbells, the consumer picks them up
        assertThat(api.waitForFinal(during, Duration.ofMinutes(2)).get("status").asText()).isEqualTo("completed");
        String after = submit(3, 0, "azurite_restart");
        assertThat(api.waitForFinal(after, Duration.ofMinutes(1)).get("status").asText()).isEqualTo("completed");
        assertThat(db.count("select count(*) from geo.azurite_restart where job_id in (?, ?)", during, after)).isEqualTo(6);
        assertThat(api.get("/api/health").status()).isEqualTo(200);
    }

    private static String submit(int n, int sleepMs, String table) {
        Api.Reply submitted = api.submit("ledger", "{\"n\": " + n + ", \"sleep_ms\": " + sleepMs + ", \"table\": \"" + table
                + "\", \"container\": \"outage\", \"label\": \"" + System.nanoTime() + "\"}");
        assertThat(submitted.status()).as(submitted.text()).isEqualTo(201);
        return submitted.body().get("job_id").asText();
    }
}
