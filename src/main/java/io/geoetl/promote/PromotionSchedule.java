package io.geoetl.promote;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.geoetl.jobs.InvalidParametersException;
import io.geoetl.jobs.JobIds;
import io.geoetl.jobs.JobService;
import io.geoetl.jobs.Json;
import io.geoetl.jobs.Trigger;
import io.geoetl.store.Database;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The bean of the promotion-schedule route (routes/promotion.yaml): on each firing, submits
 * promote_data for every configured pair. The job id carries the source's version, so an
 * unchanged source gives the job that already exists and nothing runs again. When an earlier
 * promotion of the same target is still queued or running, the pair is skipped and the reason
 * recorded (GET /api/promotion-schedule/events).
 */
public final class PromotionSchedule {
    private static final Logger LOG = LoggerFactory.getLogger(PromotionSchedule.class);
    /** The trigger's identity key; its value names the schedule, and the audit says schedule:<name>. */
    static final String TRIGGER_KEY = "schedule";
    private static final Trigger TRIGGER = new Trigger(Json.object().put(TRIGGER_KEY, "promotion"), "scheduled promotion");
    private final Database db;
    private final JobService jobs;
    private final PromoteDataJobType type;
    private final SchedulePairs pairs;

    PromotionSchedule(Database db, JobService jobs, PromoteDataJobType type, SchedulePairs pairs) {
        this.db = db;
        this.jobs = jobs;
        this.type = type;
        this.pairs = pairs;
    }

    public void run() {
        for (SchedulePairs.Pair pair : pairs.pairs()) {
            submit(pair);
        }
    }

    private void submit(SchedulePairs.Pair pair) {
        String source = pair.source().toString();
        String target = pair.target().toString();
        ObjectNode raw = Json.object().put("source", source).put("target", target).put("mode", pair.mode());
        String jobId;
        try {
            ObjectNode parameters = type.normalise(raw);
            parameters.set(Trigger.PARAMETER, TRIGGER.identity());
            jobId = JobIds.jobId(type.name(), parameters);
        } catch (InvalidParametersException e) {
            record(source, target, "refused", null, null, e.getMessage());
            return;
        }
        String blocking = db.inTransaction(tx -> tx.promotions().unfinishedJobFor(type.name(), target));
        if (blocking != null && !blocking.equals(jobId)) {
            record(source, target, "skipped", jobId, blocking, "the previous promotion of " + target + " (job " + blocking
                    + ") is still queued or running; this version of " + source + " is promoted on a later run");
            return;
        }
        JobService.Submission submission = jobs.submit(type.name(), raw, TRIGGER);
        if (submission.created()) {
            record(source, target, "submitted", submission.job().jobId(), null, "new version of " + source + ": "
                    + submission.job().parameters().path(PromoteParameters.SOURCE_VERSION).asText());
        } else {
            LOG.debug("scheduled promotion {} -> {}: unchanged source, job {} is {}", source, target, submission.job().jobId(),
                    submission.job().status().dbName());
        }
    }

    private void record(String source, String target, String outcome, String jobId, String blocking, String reason) {
        LOG.info("scheduled promotion {} -> {}: {} ({})", source, target, outcome, reason);
        db.inTransaction(tx -> {
            tx.promotions().recordScheduleEvent(source, target, outcome, jobId, blocking, reason);
            return null;
        });
    }
}
