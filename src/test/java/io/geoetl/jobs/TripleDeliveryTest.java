package io.geoetl.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.geoetl.testing.Api;
import io.geoetl.testing.LedgerJobType;
import io.geoetl.testing.RunningRouter;
import io.geoetl.testing.TestDb;
import io.geoetl.testing.TestServices;
import io.geoetl.testing.TripleDelivery;
import io.geoetl.testing.Waits;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every doorbell delivered three times, shuffled and partly late: each task still runs to its end
 * once and each row is written once. The same machinery serves any job type (for ingest_vector:
 * submit it here and count the target table's rows and batch ids).
 */
class TripleDeliveryTest {
    private static final TestDb db = TestDb.shared();
    private static final String table = "ledger_triple_" + UUID.randomUUID().toString().substring(0, 8);
    private static final AtomicReference<TripleDelivery> injector = new AtomicReference<>();
    private static RunningRouter router;
    private static Api api;

    @BeforeAll
    static void start() {
        TestServices.get().deleteAllJobs();
        router = RunningRouter.builder()
                .property("geoetl.worker.concurrency", "8")
                .decorateTaskQueue(queue -> {
                    injector.set(new TripleDelivery(queue));
                    return injector.get();
                })
                .jobTypes(r -> r.register(new LedgerJobType(db, TestServices.get().storageConnectionString, "triple")))
                .start();
        api = new Api(router.baseUrl());
    }

    @AfterAll
    static void stop() {
        router.close();
        db.exec("drop table if exists geo." + table);
        db.exec("drop table if exists geo." + table + "_runs");
    }

    @Test
    void aLoadWithEveryDoorbellTripledWritesEachRowOnce() {
        int n = 40;
        String jobId = api.submit("ledger", "{\"n\": " + n + ", \"table\": \"" + table + "\", \"sleep_ms\": 300}").body().get("job_id").asText();

        JsonNode job = api.waitForFinal(jobId, Duration.ofMinutes(2));

        assertThat(job.get("status").asText()).isEqualTo("completed");
        assertThat(db.count("select count(*) from geo." + table + " where job_id = ?", jobId)).isEqualTo(n);
        assertThat(db.count("select count(distinct task_index) from geo." + table + " where job_id = ?", jobId)).isEqualTo(n);
        assertThat(db.count("select count(*) from geo." + table + "_runs where job_id = ?", jobId)).as("runs to completion").isEqualTo(n);
        assertClaimedOnce(jobId, n);
        // submission doorbells ring in the background, and may still be ringing when the job is done
        Waits.until("every doorbell sent three times", Duration.ofSeconds(60), () -> injector.get().sent() >= 3L * n);
    }

    @Test
    void aTwoStageJobWithEveryDoorbellTripledRunsEachTaskOnce() {
        String jobId = api.submit("hello_world", "{\"n\": 25}").body().get("job_id").asText();

        JsonNode job = api.waitForFinal(jobId, Duration.ofMinutes(2));

        assertThat(job.get("status").asText()).isEqualTo("completed");
        assertThat(job.get("result").get("replies").asInt()).isEqualTo(25);
        assertClaimedOnce(jobId, 50);
    }

    private static void assertClaimedOnce(String jobId, int tasks) {
        assertThat(db.count("select count(*) from app.job_events where job_id = ? and to_status = 'processing' and task_id is not null", jobId))
                .as("claims").isEqualTo(tasks);
        assertThat(db.count("select count(*) from app.tasks where job_id = ? and attempt = 1 and status = 'completed'", jobId)).isEqualTo(tasks);
    }
}
