package io.geoetl.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import io.geoetl.testing.Api;
import io.geoetl.testing.CountingJobType;
import io.geoetl.testing.RunningRouter;
import io.geoetl.testing.TestDb;
import io.geoetl.testing.TestServices;
import io.geoetl.testing.Waits;
import java.time.Duration;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** A running task's heartbeat is refreshed by a timer, whatever its handler is doing. */
class HeartbeatTest {

    @Test
    void aTaskRunningForManyHeartbeatIntervalsHasItsHeartbeatRefreshed() {
        TestServices.get().deleteAllJobs();
        TestDb db = TestDb.shared();
        CountingJobType counting = new CountingJobType();
        try (RunningRouter router = RunningRouter.builder()
                .property("geoetl.tasks.heartbeat-interval", "PT0.2S")
                .jobTypes(r -> r.register(counting)).start()) {
            Api api = new Api(router.baseUrl());
            // the handler sleeps 3 s in one call: it never reports progress itself
            String jobId = api.submit("counting", "{\"n\": 1, \"sleep_ms\": 3000, \"label\": \"heartbeat\"}").body().get("job_id").asText();
            String taskId = JobIds.taskId(jobId, 1, 0);

            // times as epoch seconds from the database clock
            TreeSet<Double> heartbeats = new TreeSet<>();
            Double claimedAt = Waits.until("task claimed", Duration.ofSeconds(30),
                    () -> (Double) db.scalar("select extract(epoch from started_at)::float8 from app.tasks where task_id = ? and status = 'processing'", taskId),
                    started -> started != null);
            while (!"completed".equals(db.scalar("select status from app.tasks where task_id = ?", taskId))) {
                Double beat = (Double) db.scalar("select extract(epoch from heartbeat_at)::float8 from app.tasks where task_id = ? and status = 'processing'", taskId);
                if (beat != null) heartbeats.add(beat);
                Waits.sleep(50);
            }

            assertThat(heartbeats.size()).as("distinct heartbeat_at values seen while the task ran").isGreaterThanOrEqualTo(4);
            assertThat(heartbeats.last()).isGreaterThan(claimedAt);
            assertThat(counting.runs.get(taskId)).hasValue(1);
        }
    }
}
