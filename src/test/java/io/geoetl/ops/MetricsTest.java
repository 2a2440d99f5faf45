package io.geoetl.ops;

import static org.assertj.core.api.Assertions.assertThat;

import io.geoetl.testing.Api;
import io.geoetl.testing.RunningRouter;
import io.geoetl.testing.TestServices;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** GET /api/metrics: Prometheus text with jobs, tasks, durations, queue depth, janitor actions and retries. */
class MetricsTest {

    @Test
    void afterJobsTheEndpointReportsTheirSeries() {
        TestServices.get().deleteAllJobs();
        try (RunningRouter router = RunningRouter.builder().property("geoetl.tasks.backoff-base", "PT1S").start()) {
            Api api = new Api(router.baseUrl());
            // completes after one transient failure (a task retry)
            String ok = api.submit("hello_world", "{\"n\": 2, \"fail_transiently\": [0], \"transient_failures\": 1}").body().get("job_id").asText();
            // fails, is retried, fails again
            String bad = api.submit("hello_world", "{\"n\": 1, \"fail_permanently\": [0]}").body().get("job_id").asText();
            api.waitForFinal(ok, Duration.ofSeconds(60));
            api.waitForFinal(bad, Duration.ofSeconds(60));
            api.post("/api/jobs/" + bad + "/retry", "");
            api.waitForFinal(bad, Duration.ofSeconds(60));
            api.post("/api/dbadmin/janitor/run", "");

            Api.Reply reply = Api.anonymous(router.baseUrl()).get("/api/metrics");

            assertThat(reply.status()).isEqualTo(200);
            String text = reply.text();
            // a fresh router: every counter started at 0, so each value is exactly what the jobs above did
            assertThat(value(text, "geoetl_jobs_total{job_type=\"hello_world\",outcome=\"completed\"}")).isEqualTo(1);
            assertThat(value(text, "geoetl_jobs_total{job_type=\"hello_world\",outcome=\"failed\"}")).isEqualTo(2);
            assertThat(value(text, "geoetl_job_retries_total{job_type=\"hello_world\"}")).isEqualTo(1);
            assertThat(value(text, "geoetl_tasks_total{job_type=\"hello_world\",outcome=\"completed\",task_type=\"greet\"}")).isEqualTo(2);
            assertThat(value(text, "geoetl_tasks_total{job_type=\"hello_world\",outcome=\"retrying\",task_type=\"greet\"}")).isEqualTo(1);
            assertThat(value(text, "geoetl_tasks_total{job_type=\"hello_world\",outcome=\"failed\",task_type=\"greet\"}")).isEqualTo(2);
            assertThat(value(text, "geoetl_task_duration_seconds_count{job_type=\"hello_world\",outcome=\"completed\",task_type=\"reply\"}"))
                    .isEqualTo(2);
            assertThat(value(text, "geoetl_queue_depth{queue=\"" + router.queueName() + "\"}")).isEqualTo(0);
            assertThat(value(text, "geoetl_queue_depth{queue=\"" + router.queueName() + "-poison\"}")).isEqualTo(0);
            assertThat(value(text, "geoetl_janitor_actions_total{action=\"task_requeued\"}")).isEqualTo(0);
            assertThat(text).contains("camel_exchanges_total{");
        }
    }

    /** The value of one series line, e.g. {@code name{labels} 3.0}; fails when the series is missing. */
    private static double value(String text, String series) {
        Matcher line = Pattern.compile("^" + Pattern.quote(series) + " (\\S+)$", Pattern.MULTILINE).matcher(text);
        assertThat(line.find()).as("series " + series + " in:\n" + text).isTrue();
        return Double.parseDouble(line.group(1));
    }
}
