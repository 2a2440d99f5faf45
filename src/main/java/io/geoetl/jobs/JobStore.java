package io.geoetl.jobs;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * What the orchestration needs from the table of jobs (implemented in io.geoetl.store). Status
 * changes are conditional: each returns false when the job was not in a state it may leave.
 */
public interface JobStore {
    /** Inserts a new queued job; false when a job with this id already exists. */
    boolean insertIfAbsent(String jobId, String jobType, JsonNode parameters, int totalStages);

    Optional<Job> find(String jobId);

    /** Newest first; status and type filters are optional (null = any). */
    List<Job> list(String status, String jobType, int limit, int offset);

    long count(String status, String jobType);

    /**
     * The jobs of tasks just claimed, in one statement: each queued one moves to processing (its
     * first task was claimed; {@code startedNow} true). The jobs are returned as they were before
     * (only their type and parameters are needed to run the tasks, and those never change).
     */
    List<ClaimedJob> markProcessing(Collection<String> jobIds);

    /** A job of claimed tasks; {@code startedNow}: it moved from queued to processing with this claim. */
    record ClaimedJob(Job job, boolean startedNow) {}

    /**
     * Failed jobs of {@code jobType} whose error code or message contains {@code errorContains}
     * (any when null; case-insensitive, no wildcards), most recently updated first.
     */
    List<Job> listFailed(String jobType, String errorContains, int limit);

    long countFailed(String jobType, String errorContains);

    /** Moves an unfinished job to its next stage. */
    boolean advanceStage(String jobId, int fromStage, int toStage);

    /** Ends an unfinished job with a terminal status. */
    boolean finish(String jobId, JobStatus status, JsonNode result, JsonNode error);

    /** A failed or completed_with_errors job back to processing, with run + 1. */
    boolean reopen(String jobId);
}
