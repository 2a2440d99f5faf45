package io.geoetl.jobs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * A kind of job, plugged into the {@link JobTypeRegistry}. The orchestrator owns states, queues
 * and retries; a job type only knows its parameters, its stages and how to run one task.
 */
public interface JobType {

    /** The name used in {@code POST /api/jobs/submit/{name}}. */
    String name();

    /** One sentence on what a job of this type does (GET /api/job-types). */
    String description();

    /**
     * The declaration of this type's parameters: the one source for validating them and for
     * describing them to clients as JSON Schema (GET /api/job-types).
     */
    ParameterSchema parameters();

    /**
     * Validates and normalises raw parameters against {@link #parameters()} (defaults filled in);
     * lists every problem at once. Types with rules across several parameters override this.
     */
    default ObjectNode normalise(JsonNode raw) throws InvalidParametersException {
        return parameters().normalise(raw);
    }

    /**
     * A few words on what a job is about, shown with every job in GET /api/jobs (e.g. the
     * container/blob an ingest reads). Default: the normalised parameters as compact JSON.
     */
    default String subject(JsonNode parameters) {
        return Json.write(parameters);
    }

    /** Internal types (e.g. rejected_drop) are created by the router itself and cannot be submitted over HTTP. */
    default boolean internal() {
        return false;
    }

    /**
     * Whether submitting these raw parameters lists blob storage before answering (the listing's
     * fingerprint is part of the job id): such submissions share a few HTTP slots of their own.
     */
    default boolean listsStorageOnSubmit(JsonNode raw) {
        return false;
    }

    /** Checks against the world as it is now, after normalising (e.g. target table exists → conflict). */
    default void admit(JsonNode parameters) throws ConflictException {}

    /** Stage names, in order; the job has this many stages. */
    List<String> stageNames();

    /**
     * The tasks of {@code stage} (1-based), built from the job's parameters and the previous stage's
     * results ({@code null} for stage 1). An empty list skips the stage.
     */
    List<TaskSpec> planStage(int stage, JsonNode parameters, StageResults previous);

    /**
     * Runs one task and returns its result. Throw {@link BadInputException} when the input is wrong
     * (the job fails at once); any other exception is treated as transient and retried.
     */
    JsonNode runTask(TaskContext context) throws Exception;

    /** The job's result, from the last stage's results. */
    JsonNode finish(JsonNode parameters, StageResults lastStage);

    /**
     * What a job of this type leaves behind (blobs, tables, catalog rows, STAC items), listed and
     * deleted by POST /api/jobs/{id}/cleanup. Derived from the job (parameters, id, result); may
     * name things that do not exist (yet): cleanup reports them as absent. Default: nothing.
     */
    default List<JobOutput> outputs(Job job) {
        return List.of();
    }

    /**
     * When true, a task whose worker was lost (no heartbeat) is failed by the janitor at once
     * instead of requeued: job types that read files with GDAL in the router's process, where a
     * hostile file that crashed one router must not get to crash two more.
     */
    default boolean failsOnLostWorker() {
        return false;
    }

    /** When true, failed tasks do not fail the job: it ends completed_with_errors instead. */
    default boolean toleratesTaskFailures() {
        return false;
    }
}
