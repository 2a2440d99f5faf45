package io.geoetl.jobs;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What the orchestration needs from the table of tasks (implemented in io.geoetl.store). Every
 * status change is one conditional update from the sources its {@link TaskTransition}
 * lists: the loser of a race touches no row and gets false or empty.
 */
public interface TaskStore {
    /** Inserts a stage's tasks (queued); returns their ids in order. Existing ids are left as they are. */
    List<String> insertStage(String jobId, int stage, List<TaskSpec> specs, int maxAttempts);

    /** A page of a job's tasks in stage and index order. */
    List<Task> listByJob(String jobId, int limit, long offset);

    long countByJob(String jobId);

    /** Up to {@code max} due tasks of live jobs → processing by {@code worker}, oldest due first; skips rows others are claiming. */
    List<Task> claimDue(String worker, int max);

    /** Up to {@code max} due tasks of live jobs, oldest due first, not claimed. */
    List<TaskMessage> dueTasks(int max);

    /** A claim of this waiting task threw: counted, due again after {@code pause}; returns the failures so far. */
    int recordClaimFailure(String taskId, Duration pause);

    /** queued/retrying (and due) → processing by {@code worker}; empty when it cannot be claimed now. */
    Optional<Task> claim(String taskId, String worker);

    /** How long until a task waiting for its retry may be claimed; empty when it is not waiting. */
    Optional<Duration> dueIn(String taskId);

    boolean exists(String taskId);

    boolean heartbeat(String taskId, String worker, int attempt);

    /** processing → completed for several attempts at once; returns the ids completed (the others' claims were lost). */
    Set<String> completeAll(String worker, List<TaskResult> results);

    /** Of these stages, the ones without a queued, processing or retrying task left. */
    List<JobStage> stagesDone(Collection<JobStage> stages);

    boolean scheduleRetry(String taskId, String worker, int attempt, JsonNode error, Duration delay);

    boolean fail(String taskId, String worker, int attempt, JsonNode error);

    /** processing → queued (graceful shutdown hands the task back). */
    boolean release(String taskId, String worker, int attempt);

    /** A task that is waiting (queued or retrying) → failed, e.g. its doorbell is poison. */
    Optional<Task> failWaiting(String taskId, JsonNode error);

    /** Every unfinished task of a job → cancelled; their ids. */
    List<String> cancelUnfinished(String jobId);

    /** Failed and cancelled tasks of a stage → queued with fresh attempts; their ids. */
    List<String> requeueUnsuccessful(String jobId, int stage, int maxAttempts);

    int countUnfinished(String jobId, int stage);

    List<JsonNode> stageResults(String jobId, int stage);

    int countFailed(String jobId, int stage);

    Map<TaskStatus, Integer> countByStatus(String jobId);

    /** {@code stage} null = every stage. */
    Map<TaskStatus, Integer> countByStatus(String jobId, Integer stage);
}
