package io.geoetl.ops;

import com.fasterxml.jackson.databind.JsonNode;
import io.geoetl.jobs.Job;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.geoetl.jobs.JobEvent;
import io.geoetl.jobs.Json;
import io.geoetl.jobs.JobProgression;
import io.geoetl.jobs.JobTypeRegistry;
import io.geoetl.jobs.OverdueTask;
import io.geoetl.jobs.TaskMessage;
import io.geoetl.jobs.TaskQueue;
import io.geoetl.jobs.TaskStatus;
import io.geoetl.store.Database;
import io.geoetl.store.JanitorRun;
import io.geoetl.store.StoreException;
import io.geoetl.store.Tx;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds and repairs what crashes and lost messages leave behind (routes/janitor.yaml runs it on
 * a cron; POST /api/dbadmin/janitor/run on demand). One sweep is one transaction under a
 * cluster-wide advisory lock, so two routers never repair the same thing twice; each repair is
 * recorded in app.job_events with actor "janitor", and doorbells are rung after the commit.
 * <p>
 * Tasks whose job is gone cannot exist: app.tasks references app.jobs with ON DELETE CASCADE.
 * Doorbells naming such tasks are parked in the poison queue by the worker.
 */
public final class Janitor {
    public static final String ACTOR = "janitor";
    /** Who asked for a scheduled sweep (routes/janitor.yaml), as app.janitor_runs records it. */
    public static final String SCHEDULE = "schedule";
    private static final Logger LOG = LoggerFactory.getLogger(Janitor.class);
    private static final String LOCK = "geoetl-janitor";
    private final Database db;
    private final JobProgression progression;
    private final TaskQueue queue;
    private final JanitorSettings settings;
    private final GeoetlMetrics metrics;
    private final JobTypeRegistry jobTypes;
    private final String workerId;

    /**
     * {@code jobTypes}: the types whose tasks fail after one lost worker are asked for on every sweep;
     * {@code workerId}: this router, recorded with each of its sweeps.
     */
    public Janitor(Database db, JobProgression progression, TaskQueue queue, JanitorSettings settings, GeoetlMetrics metrics,
                   JobTypeRegistry jobTypes, String workerId) {
        this.workerId = workerId;
        this.jobTypes = jobTypes;
        this.db = db;
        this.progression = progression;
        this.queue = queue;
        this.settings = settings;
        this.metrics = metrics;
    }

    /** A scheduled sweep (routes/janitor.yaml). */
    public JanitorReport sweep() {
        return sweepAskedBy(SCHEDULE);
    }

    /**
     * One sweep asked for by {@code actor}, recorded in app.janitor_runs when it took the lock; an
     * unreachable database is logged in one line and left for the next sweep.
     */
    public JanitorReport sweepAskedBy(String actor) {
        Sweep sweep;
        try {
            sweep = db.inTransaction(tx -> sweepLocked(tx, actor));
        } catch (StoreException e) {
            if (!e.isUnavailable()) throw e;
            LOG.warn("janitor: database unavailable ({}); next sweep will try again", e.getMessage());
            return JanitorReport.skipped();
        }
        queue.send(sweep.doorbells, Duration.ZERO);
        sweep.actions.forEach(action -> metrics.janitorAction(action.kind()));
        if (!sweep.actions.isEmpty()) {
            LOG.info("janitor: {} repair(s): {}", sweep.actions.size(), summary(sweep.actions));
        }
        return new JanitorReport(sweep.swept, List.copyOf(sweep.actions));
    }

    /** Stale tasks for GET /api/dbadmin/zombie-tasks: in processing, heartbeat older than the staleness limit. */
    public List<OverdueTask> zombies(int limit) {
        return db.inTransaction(tx -> tx.tasks().findStale(settings.staleAfter(), limit));
    }

    public JanitorSettings settings() {
        return settings;
    }

    /** The most recent recorded sweeps, newest first; {@code beforeRunId} pages back (0: from the newest). */
    public List<JanitorRun> runs(int limit, long beforeRunId) {
        return db.inTransaction(tx -> tx.janitorRuns().list(limit, beforeRunId));
    }

    private Sweep sweepLocked(Tx tx, String actor) {
        Sweep sweep = new Sweep();
        if (!tx.tryLock(LOCK)) {
            sweep.swept = false;
            return sweep;
        }
        failWorkerLost(tx, sweep);
        requeueWorkerLost(tx, sweep);
        resendLostDoorbells(tx, sweep);
        planUnplannedJobs(tx, sweep);
        moveStuckJobs(tx, sweep);
        tx.janitorRuns().prune(settings.runsKept(), settings.batchSize());
        ObjectNode counts = Json.object();
        countsByKind(sweep.actions).forEach(counts::put);
        tx.janitorRuns().record(actor, workerId, sweep.actions.size(), counts);
        return sweep;
    }

    private void failWorkerLost(Tx tx, Sweep sweep) {
        for (OverdueTask task : tx.tasks().failStale(settings.staleAfter(), settings.batchSize(), jobTypes.failingOnLostWorker())) {
            String reason = lostWorker(task) + (task.attempt() < task.maxAttempts()
                    ? "; its job type reads files with GDAL inside the router, so the file may have crashed it: failed after one "
                            + "lost worker, not retried"
                    : "; attempts spent (" + task.attempt() + " of " + task.maxAttempts() + "), task failed");
            tx.events().append(JobEvent.of(task.jobId(), task.taskId(), TaskStatus.PROCESSING.dbName(), TaskStatus.FAILED.dbName(),
                    task.attempt(), ACTOR, reason));
            sweep.actions.add(new JanitorReport.Action("task_failed", task.jobId(), task.taskId(), reason));
            JsonNode error = tx.tasks().find(task.taskId()).orElseThrow().error();
            sweep.doorbells.addAll(progression.afterTaskFailed(tx, task.jobId(), error, ACTOR));
        }
    }

    private void requeueWorkerLost(Tx tx, Sweep sweep) {
        List<JobEvent> events = new ArrayList<>();
        for (OverdueTask task : tx.tasks().requeueStale(settings.staleAfter(), settings.batchSize(), jobTypes.failingOnLostWorker())) {
            String reason = lostWorker(task) + "; requeued as a new attempt";
            events.add(JobEvent.of(task.jobId(), task.taskId(), TaskStatus.PROCESSING.dbName(), TaskStatus.QUEUED.dbName(),
                    task.attempt(), ACTOR, reason));
            sweep.actions.add(new JanitorReport.Action("task_requeued", task.jobId(), task.taskId(), reason));
            sweep.doorbells.add(new TaskMessage(task.jobId(), task.taskId()));
        }
        tx.events().appendAll(events);
    }

    private void resendLostDoorbells(Tx tx, Sweep sweep) {
        List<JobEvent> events = new ArrayList<>();
        for (OverdueTask task : tx.tasks().markOverdueDoorbells(settings.lostDoorbellAfter(), settings.batchSize())) {
            String reason = "due " + Math.round(task.ageSeconds()) + " s ago and never claimed: doorbell re-sent";
            String status = task.status().dbName();
            events.add(JobEvent.of(task.jobId(), task.taskId(), status, status, task.attempt(), ACTOR, reason));
            sweep.actions.add(new JanitorReport.Action("doorbell_resent", task.jobId(), task.taskId(), reason));
            sweep.doorbells.add(new TaskMessage(task.jobId(), task.taskId()));
        }
        tx.events().appendAll(events);
    }

    /** Jobs accepted but never planned (their router stopped before its planner got to them): first stage planned. */
    private void planUnplannedJobs(Tx tx, Sweep sweep) {
        for (String jobId : tx.jobs().findUnplanned(settings.unplannedAfter(), settings.batchSize())) {
            List<TaskMessage> doorbells = progression.planFirstStage(tx, jobId, ACTOR);
            sweep.doorbells.addAll(doorbells);
            Job after = tx.jobs().find(jobId).orElseThrow();
            String detail = "accepted more than " + settings.unplannedAfter().toSeconds() + " s ago and never planned; now "
                    + after.status().dbName() + (after.status().isFinal() ? "" : " at stage " + after.stage() + " with " + doorbells.size()
                    + " task(s)");
            sweep.actions.add(new JanitorReport.Action("job_planned", jobId, null, detail));
        }
    }

    /** Jobs whose current stage is all final but that did not move on: advanced, or closed when it was the last stage. */
    private void moveStuckJobs(Tx tx, Sweep sweep) {
        for (String jobId : tx.jobs().findStuck(settings.batchSize())) {
            Job before = tx.jobs().find(jobId).orElseThrow();
            sweep.doorbells.addAll(progression.afterTaskEnded(tx, jobId, ACTOR));
            Job after = tx.jobs().find(jobId).orElseThrow();
            String kind = after.status().isFinal() ? "job_closed" : "stage_advanced";
            String detail = "every task of stage " + before.stage() + " was final but the job had not moved on; now "
                    + after.status().dbName() + (after.status().isFinal() ? "" : " at stage " + after.stage());
            sweep.actions.add(new JanitorReport.Action(kind, jobId, null, detail));
        }
    }

    private String lostWorker(OverdueTask task) {
        return "worker " + task.claimedBy() + " sent no heartbeat for " + Math.round(task.ageSeconds()) + " s (limit "
                + settings.staleAfter().toSeconds() + " s) during attempt " + task.attempt();
    }

    private static String summary(List<JanitorReport.Action> actions) {
        return countsByKind(actions).toString();
    }

    private static Map<String, Long> countsByKind(List<JanitorReport.Action> actions) {
        return actions.stream().collect(Collectors.groupingBy(JanitorReport.Action::kind, TreeMap::new, Collectors.counting()));
    }

    private static final class Sweep {
        boolean swept = true;
        final List<JanitorReport.Action> actions = new ArrayList<>();
        final List<TaskMessage> doorbells = new ArrayList<>();
    }
}
