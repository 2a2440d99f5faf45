package io.geoetl.jobs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Moves jobs through their stages. Called inside the transaction that ends a task, under the
 * job's advisory lock: the task that finishes a stage ("last one turns out the lights") plans the
 * next stage or finishes the job. Returns the doorbells to ring once the transaction commits.
 */
public final class JobProgression {
    private static final Logger LOG = LoggerFactory.getLogger(JobProgression.class);
    private final JobTypeRegistry registry;
    private final OrchestrationSettings settings;
    private final JobMetrics metrics;

    public JobProgression(JobTypeRegistry registry, OrchestrationSettings settings) {
        this(registry, settings, JobMetrics.NONE);
    }

    public JobProgression(JobTypeRegistry registry, OrchestrationSettings settings, JobMetrics metrics) {
        this.registry = registry;
        this.settings = settings;
        this.metrics = metrics;
    }

    /** Records that a freshly inserted job was accepted; {@code actor} submitted it, {@code reason} says how. */
    public void accepted(OrchestrationTx tx, String jobId, String actor, String reason) {
        tx.events().append(JobEvent.of(jobId, null, null, JobStatus.QUEUED.dbName(), null, actor, reason));
    }

    /**
     * Plans the first stage of an accepted job (after the commit that accepted it, by the router's
     * planner or by the janitor). Idempotent: a job that has any task, moved on or ended was planned
     * already and is left as it is; the job's lock makes a concurrent second planning wait and then
     * find the tasks. Returns the doorbells to ring once the transaction commits.
     */
    public List<TaskMessage> planFirstStage(OrchestrationTx tx, String jobId, String actor) {
        tx.lockJob(jobId);
        Job job = tx.jobs().find(jobId).orElse(null);
        if (job == null || job.status() != JobStatus.QUEUED || job.stage() != 1 || tx.tasks().countByJob(jobId) > 0) {
            return List.of();
        }
        return planFrom(tx, job, 1, null, actor);
    }

    /** After a task of {@code jobId} ended: advance the stage or finish the job when nothing is left. */
    public List<TaskMessage> afterTaskEnded(OrchestrationTx tx, String jobId) {
        return afterTaskEnded(tx, jobId, settings.workerId());
    }

    /**
     * After a task of {@code jobId} failed for good: the job fails with {@code error}, unless its
     * type tolerates failed tasks (then the stage moves on as after any other ending).
     */
    public List<TaskMessage> afterTaskFailed(OrchestrationTx tx, String jobId, JsonNode error, String actor) {
        tx.lockJob(jobId);
        Job job = tx.jobs().find(jobId).orElse(null);
        if (job == null || job.status().isFinal()) {
            return List.of();
        }
        if (registry.require(job.jobType()).toleratesTaskFailures()) {
            return afterTaskEnded(tx, jobId, actor);
        }
        failJob(tx, job, error, actor);
        return List.of();
    }

    /** {@link #afterTaskEnded(OrchestrationTx, String)} with the events recorded under {@code actor} (e.g. the janitor). */
    public List<TaskMessage> afterTaskEnded(OrchestrationTx tx, String jobId, String actor) {
        tx.lockJob(jobId);
        Job job = tx.jobs().find(jobId).orElse(null);
        if (job == null || job.status().isFinal()) {
            return List.of();
        }
        if (tx.tasks().countUnfinished(jobId, job.stage()) > 0) {
            return List.of();
        }
        JobType type = registry.require(job.jobType());
        int failed = tx.tasks().countFailed(jobId, job.stage());
        if (failed > 0 && !type.toleratesTaskFailures()) {
            failJob(tx, job, error("task_failed", failed + " task(s) of stage " + job.stage() + " failed", null), actor);
            return List.of();
        }
        StageResults results = new StageResults(job.stage(), tx.tasks().stageResults(jobId, job.stage()), failed);
        return planFrom(tx, job, job.stage() + 1, results, actor);
    }

    /**
     * Starts a new run of a failed (or completed_with_errors) job from the stage where it stopped:
     * failed and cancelled tasks of that stage are queued again as new attempts; earlier attempts
     * stay in the history. Returns the doorbells to ring.
     */
    public List<TaskMessage> resume(OrchestrationTx tx, Job job, String actor, String reason) {
        tx.lockJob(job.jobId());
        if (!tx.jobs().reopen(job.jobId())) {
            return List.of();
        }
        List<JobEvent> events = new ArrayList<>();
        events.add(JobEvent.of(job.jobId(), null, job.status().dbName(), JobStatus.PROCESSING.dbName(), null, actor,
                reason + " (run " + (job.run() + 1) + ")"));
        List<String> requeued = tx.tasks().requeueUnsuccessful(job.jobId(), job.stage(), settings.maxAttempts());
        for (String taskId : requeued) {
            events.add(JobEvent.of(job.jobId(), taskId, null, TaskStatus.QUEUED.dbName(), null, actor, reason));
        }
        tx.events().appendAll(events);
        metrics.jobRetried(job.jobType());
        if (!requeued.isEmpty()) {
            return requeued.stream().map(id -> new TaskMessage(job.jobId(), id)).toList();
        }
        // nothing to requeue: the failure happened while planning; plan the stage again
        Job reopened = tx.jobs().find(job.jobId()).orElseThrow();
        if (tx.tasks().stageResults(job.jobId(), job.stage()).isEmpty()) {
            StageResults previous = job.stage() == 1 ? null
                    : new StageResults(job.stage() - 1, tx.tasks().stageResults(job.jobId(), job.stage() - 1), 0);
            return planFrom(tx, reopened, job.stage(), previous, actor);
        }
        return afterTaskEnded(tx, job.jobId(), actor);
    }

    /** Fails a job: its unfinished tasks are cancelled, the error is kept on the job. */
    public void failJob(OrchestrationTx tx, Job job, JsonNode error, String actor) {
        if (!tx.jobs().finish(job.jobId(), JobStatus.FAILED, null, error)) {
            return;
        }
        metrics.jobEnded(job.jobType(), JobStatus.FAILED.dbName());
        List<JobEvent> events = new ArrayList<>();
        events.add(JobEvent.of(job.jobId(), null, job.status().dbName(), JobStatus.FAILED.dbName(), null, actor,
                error.path("message").asText()));
        for (String taskId : tx.tasks().cancelUnfinished(job.jobId())) {
            events.add(JobEvent.of(job.jobId(), taskId, null, TaskStatus.CANCELLED.dbName(), null, actor, "job failed"));
        }
        tx.events().appendAll(events);
    }

    /** Plans stage {@code stage} (skipping stages that plan no task) or finishes the job. */
    private List<TaskMessage> planFrom(OrchestrationTx tx, Job job, int stage, StageResults previous, String actor) {
        JobType type = registry.require(job.jobType());
        StageResults last = previous;
        int current = stage;
        try {
            while (current <= job.totalStages()) {
                List<TaskSpec> specs = type.planStage(current, job.parameters(), last);
                if (!specs.isEmpty()) {
                    return insertStage(tx, job, current, specs, actor);
                }
                last = new StageResults(current, List.of(), 0);
                current++;
            }
            finish(tx, job, type, last, actor);
        } catch (BadInputException e) {
            failJob(tx, job, error("bad_input", e.getMessage(), null), actor);
        } catch (RuntimeException e) {
            LOG.error("job {}: planning stage {} failed", job.jobId(), current, e);
            failJob(tx, job, error("planning_failed", "planning stage " + current + " failed: " + e.getMessage(), null), actor);
        }
        return List.of();
    }

    private List<TaskMessage> insertStage(OrchestrationTx tx, Job job, int stage, List<TaskSpec> specs, String actor) {
        List<String> ids = tx.tasks().insertStage(job.jobId(), stage, specs, settings.maxAttempts());
        if (stage != job.stage()) {
            tx.jobs().advanceStage(job.jobId(), job.stage(), stage);
        }
        List<JobEvent> events = new ArrayList<>(ids.size() + 1);
        String stageName = registry.require(job.jobType()).stageNames().get(stage - 1);
        events.add(JobEvent.of(job.jobId(), null, null, "stage:" + stage, null, actor,
                "stage " + stage + " (" + stageName + "): " + ids.size() + " task(s)"));
        List<TaskMessage> messages = new ArrayList<>(ids.size());
        for (String id : ids) {
            messages.add(new TaskMessage(job.jobId(), id));
        }
        tx.events().appendAll(events);
        return messages;
    }

    private void finish(OrchestrationTx tx, Job job, JobType type, StageResults last, String actor) {
        JsonNode result = type.finish(job.parameters(), last);
        int failedTasks = tx.tasks().countByStatus(job.jobId()).get(TaskStatus.FAILED);
        JobStatus status = failedTasks > 0 ? JobStatus.COMPLETED_WITH_ERRORS : JobStatus.COMPLETED;
        if (tx.jobs().finish(job.jobId(), status, result, null)) {
            tx.events().append(JobEvent.of(job.jobId(), null, job.status().dbName(), status.dbName(), null, actor, "all stages done"));
            metrics.jobEnded(job.jobType(), status.dbName());
        }
    }

    static ObjectNode error(String code, String message, String taskId) {
        ObjectNode error = Json.object();
        error.put("code", code);
        error.put("message", message);
        if (taskId != null) error.put("task_id", taskId);
        return error;
    }
}
