package io.geoetl.http;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.geoetl.http.support.HttpReplies;
import io.geoetl.jobs.Job;
import io.geoetl.jobs.JobService;
import io.geoetl.jobs.Json;
import io.geoetl.jobs.TaskStatus;
import io.geoetl.store.Database;
import io.geoetl.store.JobActivityRepository;
import io.geoetl.store.JobActivityRepository.StageCount;
import java.util.List;
import org.apache.camel.Exchange;

/**
 * GET /api/jobs/{job_id}/stages: every stage of the job type (planned or not yet) with its task
 * counts per state, the current stage marked, the progress, the finishing rate over the last minute
 * and the ETA of the current stage at that rate (null while nothing finished in the last minute).
 */
public final class JobStagesApi {
    static final int RATE_WINDOW_SECONDS = 60;
    private final JobService jobs;
    private final Database database;

    public JobStagesApi(JobService jobs, Database database) {
        this.jobs = jobs;
        this.database = database;
    }

    public void stages(Exchange exchange) {
        Job job = jobs.require(exchange.getIn().getHeader("job_id", String.class));
        record Activity(List<StageCount> counts, int finishedRecently) {}
        Activity activity = database.inTransaction(tx -> {
            JobActivityRepository repository = tx.jobActivity();
            return new Activity(repository.stageCounts(job.jobId()), repository.finishedWithin(job.jobId(), RATE_WINDOW_SECONDS));
        });
        List<String> names = jobs.stageNames(job);
        ObjectNode body = Json.object();
        body.put("job_id", job.jobId());
        body.put("status", job.status().dbName());
        body.put("stage", job.stage());
        body.put("total_stages", job.totalStages());
        ArrayNode stages = body.putArray("stages");
        int finishedInCurrent = 0;
        int tasksInCurrent = 0;
        for (int stage = 1; stage <= job.totalStages(); stage++) {
            ObjectNode entry = stages.addObject();
            entry.put("stage", stage);
            entry.put("name", stage <= names.size() ? names.get(stage - 1) : "stage " + stage);
            entry.put("current", stage == job.stage() && !job.status().isFinal());
            ObjectNode counts = entry.putObject("task_counts");
            for (TaskStatus status : TaskStatus.values()) counts.put(status.dbName(), 0);
            int total = 0;
            int finished = 0;
            for (StageCount count : activity.counts()) {
                if (count.stage() != stage) continue;
                counts.put(count.status(), count.count());
                total += count.count();
                if (TaskStatus.of(count.status()).isFinal()) finished += count.count();
            }
            counts.put("total", total);
            if (stage == job.stage()) {
                finishedInCurrent = finished;
                tasksInCurrent = total;
            }
        }
        body.put("progress_percent", JobJson.progress(job.status().isFinal(), job.stage(), job.totalStages(), finishedInCurrent, tasksInCurrent));
        double rate = (double) activity.finishedRecently() / RATE_WINDOW_SECONDS;
        body.put("rate_per_second", Math.round(rate * 1000) / 1000.0);
        body.put("rate_window_seconds", RATE_WINDOW_SECONDS);
        int remaining = job.status().isFinal() ? 0 : tasksInCurrent - finishedInCurrent;
        body.put("remaining_in_stage", remaining);
        if (remaining > 0 && rate > 0) body.put("eta_seconds", Math.round(remaining / rate));
        else body.putNull("eta_seconds");
        HttpReplies.json(exchange, 200, body);
    }
}
