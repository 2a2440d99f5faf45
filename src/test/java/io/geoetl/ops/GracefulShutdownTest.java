package io.geoetl.ops;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.geoetl.testing.Api;
import io.geoetl.testing.LedgerJobType;
import io.geoetl.testing.RouterProcess;
import io.geoetl.testing.RunningRouter;
import io.geoetl.testing.ServiceAddresses;
import io.geoetl.testing.TestDb;
import io.geoetl.testing.TestServices;
import io.geoetl.testing.Waits;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** SIGTERM: a router stops taking work, lets running tasks finish within the grace period, hands back the rest. */
class GracefulShutdownTest {
    private final TestDb db = TestDb.shared();
    private String table;
    private String queue;

    @BeforeEach
    void names() {
        TestServices.get().deleteAllJobs();
        table = "ledger_term_" + UUID.randomUUID().toString().substring(0, 8);
        queue = "test-term-" + UUID.randomUUID().toString().substring(0, 8);
    }

    @AfterEach
    void dropTables() {
        db.exec("drop table if exists geo." + table);
        db.exec("drop table if exists geo." + table + "_runs");
    }

    @Test
    void tasksThatFinishWithinTheGracePeriodCompleteOnTheStoppingRouter() {
        String name = "finishing-router";
        try (RouterProcess router = RouterProcess.builder(ServiceAddresses.shared()).name(name).queue(queue)
                .property("geoetl.worker.shutdown-grace", "PT30S").start()) {
            Api api = new Api(router.baseUrl());
            String jobId = submitSlowJob(api, 2, 4000, name);
            awaitRunning(jobId, name, 2);

            int exit = router.terminate(Duration.ofSeconds(60));

            assertThat(exit).as("exit code after SIGTERM").isIn(0, 143);
            assertThat(db.column("select status || '#' || attempt || '@' || claimed_by from app.tasks where job_id = ? order by task_index", jobId))
                    .containsExactly("completed#1@" + name, "completed#1@" + name);
            assertThat(db.count("select count(*) from geo." + table + "_runs where job_id = ?", jobId)).isEqualTo(2);
            assertThat(db.count("select count(*) from app.job_events where job_id = ? and reason like 'released%'", jobId)).isZero();
            assertThat(router.logText()).contains("shutting down: 2 task(s) running");
        }
    }

    @Test
    void tasksStillRunningAfterTheGracePeriodAreHandedBackAndAnotherRouterFinishesThem() {
        String name = "leaving-router";
        try (RouterProcess leaving = RouterProcess.builder(ServiceAddresses.shared()).name(name).queue(queue)
                .property("geoetl.worker.shutdown-grace", "PT2S").start()) {
            Api api = new Api(leaving.baseUrl());
            String jobId = submitSlowJob(api, 2, 120_000, name);
            awaitRunning(jobId, name, 2);
            // the other router has no janitor: only the hand-back can bring the tasks to it
            try (RunningRouter staying = RunningRouter.builder().queue(queue)
                    .property("geoetl.janitor.enabled", "false")
                    .jobTypes(r -> r.register(new LedgerJobType(db, TestServices.get().storageConnectionString, "staying")))
                    .start()) {

                int exit = leaving.terminate(Duration.ofSeconds(60));

                assertThat(exit).isIn(0, 143);
                JsonNode job = new Api(staying.baseUrl()).waitForFinal(jobId, Duration.ofSeconds(60));
                assertThat(job.get("status").asText()).isEqualTo("completed");
                assertThat(db.column("select router from geo." + table + "_runs where job_id = ?", jobId)).containsExactly("staying", "staying");
                String other = workerOf(jobId);
                assertThat(other).isNotEqualTo(name);
                assertThat(db.column("select to_status || '#' || attempt || '@' || actor from app.job_events where job_id = ? "
                        + "and task_id like '%-t0' order by event_id", jobId))
                        .containsExactly("processing#1@" + name, "queued#1@" + name, "processing#2@" + other, "completed#2@" + other);
                assertThat(db.column("select reason from app.job_events where job_id = ? and task_id is not null and to_status = 'queued' and actor = ?", jobId, name))
                        .hasSize(2).allSatisfy(r -> assertThat(r).startsWith("released: router shutting down"));
                // the interrupted attempt does not count against the budget
                assertThat(db.column("select attempt || '/' || max_attempts from app.tasks where job_id = ?", jobId)).containsOnly("2/4");
            }
        }
    }

    private String submitSlowJob(Api api, int n, int sleepMs, String slowRouter) {
        Api.Reply submitted = api.submit("ledger", "{\"n\": " + n + ", \"table\": \"" + table + "\", \"sleep_ms\": " + sleepMs
                + ", \"sleep_on\": \"" + slowRouter + "\"}");
        assertThat(submitted.status()).as(submitted.text()).isEqualTo(201);
        return submitted.body().get("job_id").asText();
    }

    private void awaitRunning(String jobId, String router, int count) {
        Waits.until(count + " tasks running on " + router, Duration.ofSeconds(60),
                () -> db.count("select count(*) from app.tasks where job_id = ? and status = 'processing' and claimed_by = ?", jobId, router) == count);
    }

    private String workerOf(String jobId) {
        return (String) db.scalar("select claimed_by from app.tasks where job_id = ? and task_index = 0", jobId);
    }
}
