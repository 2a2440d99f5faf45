package io.geoetl.promote;

import static io.geoetl.promote.PromotionTestSupport.createSourceTable;
import static io.geoetl.promote.PromotionTestSupport.production;
import static io.geoetl.promote.PromotionTestSupport.staging;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.geoetl.testing.Api;
import io.geoetl.testing.RunningRouter;
import io.geoetl.testing.TestServices;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * A stopped router leaves no connection behind: its staging pool and its production pool (opened
 * only by the first promotion) close with the Camel context, so a JVM that starts and stops many
 * routers (the test suite) does not pile up connections. Sessions are told apart by
 * geoetl.db.application-name.
 */
class PoolsCloseWhenRouterStopsTest {
    private static final String SESSIONS = "select count(*) from pg_stat_activity where application_name = ?";

    @Test
    void stagingAndProductionConnectionsAreGoneOnceTheRouterStops() throws Exception {
        String name = "pools-" + UUID.randomUUID().toString().substring(0, 8);
        createSourceTable("geo", "pools_source", 10);
        production().exec("drop table if exists prod.pools_target");
        RunningRouter router = PromotionTestSupport.router().property("geoetl.db.application-name", name).start();
        try {
            assertThat(sessions(name)).as("staging sessions of a running router").isPositive();
            assertThat(sessions(name + "-production")).as("no production pool before the first promotion").isZero();

            Api api = new Api(router.baseUrl());
            Api.Reply reply = api.submit("promote_data", "{\"source\": \"geo.pools_source\", \"target\": \"prod.pools_target\"}");
            assertThat(reply.status()).as(reply.text()).isIn(200, 201);
            JsonNode job = api.waitForFinal(reply.body().path("job_id").asText(), Duration.ofSeconds(120));
            assertThat(job.path("status").asText()).as(job.toString()).isEqualTo("completed");
            assertThat(sessions(name + "-production")).as("production sessions after a promotion").isPositive();
        } finally {
            router.close();
        }

        assertThat(sessionsOnceSettled(name)).as("staging sessions after stop").isZero();
        assertThat(sessionsOnceSettled(name + "-production")).as("production sessions after stop").isZero();
        TestServices.get().deleteAllJobs();
    }

    /** A backend leaves pg_stat_activity a moment after its client hung up: up to 5 s for the count to reach 0. */
    private static long sessionsOnceSettled(String applicationName) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        long count = sessions(applicationName);
        while (count > 0 && System.nanoTime() < deadline) {
            Thread.sleep(50);
            count = sessions(applicationName);
        }
        return count;
    }

    /** pg_stat_activity is server-wide: one query on the staging database sees both databases' sessions. */
    private static long sessions(String applicationName) {
        return staging().count(SESSIONS, applicationName);
    }
}
