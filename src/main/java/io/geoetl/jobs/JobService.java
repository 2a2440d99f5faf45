package io.geoetl.jobs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Submits jobs and answers questions about them. Submission is idempotent: the job id is the
 * SHA-256 of the type and the canonical normalised parameters, so the same request returns the
 * same job; a failed job submitted again starts a new run under the same id.
 */
public final class JobService {
    private final OrchestrationDatabase db;
    private final JobTypeRegistry registry;
    private final JobProgression progression;
    private final TaskQueue queue;
    private final FirstStagePlanner firstStages;
    private final SubmissionsInFlight inFlight;
    private final String workerId;

    /**
     * {@code workerId} is the actor of automatic submissions (triggers); {@code firstStages} plans
     * accepted jobs, and waits while {@code inFlight} counts client submissions being answered.
     */
    JobService(OrchestrationDatabase db, JobTypeRegistry registry, JobProgression progression, TaskQueue queue,
               FirstStagePlanner firstStages, SubmissionsInFlight inFlight, String workerId) {
        this.db = db;
        this.registry = registry;
        this.progression = progression;
        this.queue = queue;
        this.firstStages = firstStages;
        this.inFlight = inFlight;
        this.workerId = workerId;
    }

    /** What a submission did: the job as it is now, and whether this call created (or restarted) it. */
    public record Submission(Job job, boolean created, boolean restarted) {}

    /**
     * A submission by a client (HTTP): internal job types are not submittable. {@code actor} names
     * the caller in the event history ("api:&lt;key name or token subject&gt;").
     */
    public Submission submit(String jobType, JsonNode rawParameters, String actor) {
        inFlight.begin();
        try {
            return submitNow(jobType, rawParameters, actor);
        } finally {
            inFlight.end();
        }
    }

    private Submission submitNow(String jobType, JsonNode rawParameters, String actor) {
        JobType type = submittable(jobType);
        ObjectNode parameters = type.normalise(rawParameters);
        String jobId = JobIds.jobId(type.name(), parameters);

        Optional<Job> existing = find(jobId);
        if (existing.isPresent()) {
            return existing.get().status() == JobStatus.FAILED ? restart(existing.get(), actor, "submitted again")
                    : new Submission(existing.get(), false, false);
        }
        return create(type, jobId, parameters, actor, "submitted");
    }

    /**
     * What submitting would do, without doing it (POST /api/jobs/validate/{type}): the same
     * normalisation and admission checks as {@link #submit(String, JsonNode, String)}, nothing written.
     * {@code existing} is the job the submission would return or restart, if there is one.
     */
    public record Check(String jobType, ObjectNode parameters, String jobId, Optional<Job> existing) {}

    public Check check(String jobType, JsonNode rawParameters) {
        JobType type = submittable(jobType);
        ObjectNode parameters = type.normalise(rawParameters);
        String jobId = JobIds.jobId(type.name(), parameters);
        Optional<Job> existing = find(jobId);
        if (existing.isEmpty()) type.admit(parameters);
        return new Check(type.name(), parameters, jobId, existing);
    }

    /** The declared parameter names of a submittable type, in their documented order. */
    public List<String> parameterNames(String jobType) {
        return submittable(jobType).parameters().specs().stream().map(ParameterSpec::name).toList();
    }

    private JobType submittable(String jobType) {
        return registry.find(jobType).filter(found -> !found.internal()).orElseThrow(() ->
                new UnknownJobTypeException(jobType, registry.submittable().stream().map(JobType::name).toList()));
    }

    /**
     * A submission by an automatic trigger: the trigger's identity joins the normalised parameters
     * (see {@link Trigger}). An existing job is returned as it is, even when it failed: seeing the
     * same input again is no reason to run it again (a retry is an explicit API call).
     */
    public Submission submit(String jobType, JsonNode rawParameters, Trigger trigger) {
        JobType type = registry.find(jobType).orElseThrow(() -> new UnknownJobTypeException(jobType, registry.names()));
        ObjectNode parameters = type.normalise(rawParameters);
        if (parameters.has(Trigger.PARAMETER)) {
            throw new IllegalStateException("job type " + type.name() + " declares the parameter " + Trigger.PARAMETER
                    + ", which is reserved for the trigger of automatic submissions");
        }
        parameters.set(Trigger.PARAMETER, trigger.identity());
        String jobId = JobIds.jobId(type.name(), parameters);

        Optional<Job> existing = find(jobId);
        if (existing.isPresent()) {
            return new Submission(existing.get(), false, false);
        }
        return create(type, jobId, parameters, workerId, trigger.description());
    }

    /**
     * Accepts a new job: one row (queued) and its event, committed before the answer; its first
     * stage is planned after the commit by the {@link FirstStagePlanner}, off the caller's thread.
     */
    private Submission create(JobType type, String jobId, ObjectNode parameters, String actor, String reason) {
        type.admit(parameters);
        Outcome outcome = db.inTransaction(tx -> {
            boolean inserted = tx.jobs().insertIfAbsent(jobId, type.name(), parameters, type.stageNames().size());
            if (inserted) progression.accepted(tx, jobId, actor, reason);
            return new Outcome(tx.jobs().find(jobId).orElseThrow(), List.of(), inserted);
        });
        if (outcome.created()) firstStages.plan(jobId, actor);
        return new Submission(outcome.job(), outcome.created(), false);
    }

    /** Starts a new run of a failed or completed_with_errors job (409 otherwise); {@code actor} asked for it. */
    public Submission retry(String jobId, String actor) {
        return retry(jobId, actor, "retry requested");
    }

    private Submission retry(String jobId, String actor, String reason) {
        Job job = find(jobId).orElseThrow(() -> new JobNotFoundException(jobId));
        if (job.status() != JobStatus.FAILED && job.status() != JobStatus.COMPLETED_WITH_ERRORS) {
            throw new ConflictException("job_not_retryable",
                    "job " + jobId + " is " + job.status().dbName() + "; only failed or completed_with_errors jobs can be retried");
        }
        return restart(job, actor, reason);
    }

    /**
     * Failed jobs of one type whose error matches, at most {@code limit} of them (most recently
     * failed first), and how many match in all. {@code retried}: the jobs that were restarted
     * (empty on a dry run); a job that stopped being failed in the meantime is left out.
     */
    public record BulkRetry(long matching, List<Job> selected, List<Job> retried) {}

    public BulkRetry retryFailed(String jobType, String errorContains, int limit, boolean dryRun, String actor) {
        registry.find(jobType).orElseThrow(() -> new UnknownJobTypeException(jobType, registry.names()));
        record Selection(long matching, List<Job> jobs) {}
        Selection selection = db.inTransaction(tx -> new Selection(tx.jobs().countFailed(jobType, errorContains),
                tx.jobs().listFailed(jobType, errorContains, limit)));
        if (dryRun) return new BulkRetry(selection.matching(), selection.jobs(), List.of());
        List<Job> retried = new ArrayList<>();
        for (Job job : selection.jobs()) {
            try {
                retried.add(retry(job.jobId(), actor, "bulk retry requested").job());
            } catch (ConflictException changedMeanwhile) {
                // another caller retried it first: nothing to do for this one
            }
        }
        return new BulkRetry(selection.matching(), selection.jobs(), List.copyOf(retried));
    }

    private Submission restart(Job job, String actor, String reason) {
        Outcome outcome = db.inTransaction(tx -> {
            List<TaskMessage> messages = progression.resume(tx, job, actor, reason);
            return new Outcome(tx.jobs().find(job.jobId()).orElseThrow(), messages, true);
        });
        queue.send(outcome.messages(), Duration.ZERO);
        return new Submission(outcome.job(), false, true);
    }

    public Optional<Job> find(String jobId) {
        if (!JobIds.isJobId(jobId)) {
            return Optional.empty();
        }
        return db.inTransaction(tx -> tx.jobs().find(jobId));
    }

    public Job require(String jobId) {
        return find(jobId).orElseThrow(() -> new JobNotFoundException(jobId));
    }

    /** Task counts per status, for the whole job ({@code stage} null) or one stage. */
    public Map<TaskStatus, Integer> taskCounts(String jobId, Integer stage) {
        return db.inTransaction(tx -> tx.tasks().countByStatus(jobId, stage));
    }

    public record TaskPage(List<Task> tasks, long total) {}

    /** A page of a job's tasks in stage and index order, with how many it has in all. */
    public TaskPage tasks(String jobId, int limit, long offset) {
        require(jobId);
        return db.inTransaction(tx -> new TaskPage(tx.tasks().listByJob(jobId, limit, offset), tx.tasks().countByJob(jobId)));
    }

    public List<JobEvent> events(String jobId, String taskId, int limit, long after) {
        require(jobId);
        return db.inTransaction(tx -> tx.events().list(jobId, taskId, limit, after));
    }

    public record Page(List<Job> jobs, long total) {}

    public Page list(JobStatus status, String jobType, int limit, int offset) {
        String statusName = status == null ? null : status.dbName();
        return db.inTransaction(tx -> new Page(tx.jobs().list(statusName, jobType, limit, offset), tx.jobs().count(statusName, jobType)));
    }

    /** What the job is about, in a few words (its type's {@link JobType#subject}); empty for an unknown type. */
    public String subject(Job job) {
        return registry.find(job.jobType()).map(type -> type.subject(job.parameters())).orElse("");
    }

    public List<String> stageNames(Job job) {
        return registry.find(job.jobType()).map(JobType::stageNames).orElse(List.of());
    }

    private record Outcome(Job job, List<TaskMessage> messages, boolean created) {}
}
