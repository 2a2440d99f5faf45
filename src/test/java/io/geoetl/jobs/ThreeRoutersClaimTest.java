package io.geoetl.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import io.geoetl.testing.Api;
import io.geoetl.testing.RunningRouter;
import io.geoetl.testing.TestDb;
import io.geoetl.testing.TestServices;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Three routers on one queue claim tasks from the database on few doorbells: 5,000 tasks run, each
 * exactly once, every router takes part, and the queue carried a few doorbells per stage, not one per task.
 */
class ThreeRoutersClaimTest {
    private final TestDb db = TestDb.shared();

    @Test
    void fiveHelloWorldJobsOfAboutFiveHundredRunEveryTaskOnceOnThreeRouters() {
        TestServices.get().deleteAllJobs();
        try (RunningRouter first = RunningRouter.builder().property("geoetl.worker.concurrency", "4").start();
             RunningRouter second = RunningRouter.builder().queue(first.queueName()).property("geoetl.worker.concurrency", "4").start();
             RunningRouter third = RunningRouter.builder().queue(first.queueName()).property("geoetl.worker.concurrency", "4").start()) {
            Api api = new Api(first.baseUrl());
            List<String> jobs = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                // n = 498..502: five distinct jobs (a job's id is its parameters), 2 stages each, 5,000 tasks in all
                Api.Reply submitted = api.submit("hello_world", "{\"n\": " + (498 + i) + "}");
                assertThat(submitted.status()).as(submitted.text()).isEqualTo(201);
                jobs.add(submitted.body().get("job_id").asText());
            }

            for (String jobId : jobs) {
                assertThat(api.waitForFinal(jobId, Duration.ofMinutes(5)).get("status").asText()).isEqualTo("completed");
            }

            String[] ids = jobs.toArray(String[]::new);
            assertThat(db.count("select count(*) from app.tasks where job_id = any(?) and status = 'completed' and attempt = 1",
                    (Object) ids)).isEqualTo(5000);
            assertThat(db.count("select count(*) from (select task_id from app.job_events where job_id = any(?) and task_id is not null "
                    + "and to_status = 'processing' group by task_id having count(*) = 1) once", (Object) ids))
                    .as("tasks with exactly one processing event").isEqualTo(5000);
            assertThat(db.count("select count(*) from app.job_events where job_id = any(?) and to_status = 'processing' "
                    + "and task_id is not null", (Object) ids)).as("processing events").isEqualTo(5000);
            assertThat(db.column("select distinct claimed_by from app.tasks where job_id = any(?)", (Object) ids))
                    .as("routers that took part").hasSize(3);
        }
    }
}
