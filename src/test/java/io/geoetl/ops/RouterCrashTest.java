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
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * kill -9 of a router in the middle of a job while a second router runs: the janitor of the
 * survivor requeues the dead router's tasks (stale heartbeat) and re-sends the doorbells it had
 * taken off the queue but never claimed (lost doorbells); the job completes with exactly one row
 * per task and no task ran to its end twice.
 * <p>
 * Shaped for any job type: {@link CrashScenario} only needs a submission and a way to count what
 * the job wrote (for ingest_vector: the row count and distinct batch ids of the target table).
 */
class RouterCrashTest {

    @Test
    void aRouterKilledMidJobLosesNoTaskAndDuplicatesNothing() {
        TestServices.get().deleteAllJobs();
        TestDb db = TestDb.shared();
        String table = "ledger_crash_" + UUID.randomUUID().toString().substring(0, 8);
        int n = 8;
        String doomed = "doomed-router";
        String queue = "test-crash-" + UUID.randomUUID().toString().substring(0, 8);
        db.exec("drop table if exists geo." + table);

        try (RouterProcess victim = CrashScenario.slowRouter(ServiceAddresses.shared(), doomed, queue)) {
            Api victimApi = new Api(victim.baseUrl());
            // only the victim runs yet: it takes every doorbell, claims 4 tasks (its concurrency) and sleeps in them
            Api.Reply submitted = victimApi.submit("ledger", "{\"n\": " + n + ", \"table\": \"" + table + "\", \"sleep_ms\": 120000, "
                    + "\"sleep_on\": \"" + doomed + "\"}");
            assertThat(submitted.status()).as(submitted.text()).isEqualTo(201);
            String jobId = submitted.body().get("job_id").asText();
            Waits.until("the victim runs 4 tasks", Duration.ofSeconds(60),
                    () -> db.count("select count(*) from app.tasks where job_id = ? and status = 'processing' and claimed_by = ?", jobId, doomed) == 4);

            try (RunningRouter survivor = CrashScenario.survivor(queue, db)) {
                victim.killHard();

                JsonNode job = new Api(survivor.baseUrl()).waitForFinal(jobId, Duration.ofMinutes(2));

                assertThat(job.get("status").asText()).isEqualTo("completed");
                assertThat(db.count("select count(*) from geo." + table + " where job_id = ?", jobId)).isEqualTo(n);
                assertThat(db.count("select count(distinct task_index) from geo." + table + " where job_id = ?", jobId)).isEqualTo(n);
                // no task ran to its end twice, and none on the dead router
                assertThat(db.column("select task_index || '@' || router from geo." + table + "_runs where job_id = ? order by task_index", jobId))
                        .hasSize(n).allSatisfy(run -> assertThat(run).doesNotContain(doomed));
                assertThat(db.count("select count(*) from app.job_events where job_id = ? and to_status = 'completed' and task_id is not null", jobId))
                        .isEqualTo(n);
                List<String> repairs = db.column("select distinct reason from app.job_events where job_id = ? and actor = 'janitor'", jobId);
                assertThat(repairs).anySatisfy(r -> assertThat(r).contains("worker " + doomed + " sent no heartbeat").contains("requeued"));
                assertThat(db.count("select count(*) from app.job_events where job_id = ? and actor = 'janitor' and from_status = 'processing' "
                        + "and to_status = 'queued'", jobId)).isEqualTo(4);
            }
        } finally {
            db.exec("drop table if exists geo." + table);
            db.exec("drop table if exists geo." + table + "_runs");
        }
    }

    /** The two routers of a crash test, reusable for other job types. */
    static final class CrashScenario {
        private CrashScenario() {}

        /** A router process with fast janitor timings, killed by the test. */
        static RouterProcess slowRouter(ServiceAddresses services, String name, String queue) {
            return RouterProcess.builder(services).name(name).queue(queue)
                    .property("geoetl.worker.concurrency", "4")
                    .property("geoetl.tasks.heartbeat-interval", "PT0.5S")
                    .property("geoetl.janitor.enabled", "false")
                    .start();
        }

        /** The second router, in this JVM: its janitor sweeps every second with short limits. */
        static RunningRouter survivor(String queue, TestDb db) {
            return RunningRouter.builder().queue(queue)
                    .property("geoetl.janitor.cron", "0/1 * * * * ?")
                    .property("geoetl.janitor.stale-after", "PT3S")
                    .property("geoetl.janitor.lost-doorbell-after", "PT5S")
                    .property("geoetl.tasks.heartbeat-interval", "PT0.5S")
                    .jobTypes(r -> r.register(new LedgerJobType(db, TestServices.get().storageConnectionString, "survivor")))
                    .start();
        }
    }
}
