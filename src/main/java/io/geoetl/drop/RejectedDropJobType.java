package io.geoetl.drop;

import com.fasterxml.jackson.databind.JsonNode;
import io.geoetl.jobs.BadInputException;
import io.geoetl.jobs.JobType;
import io.geoetl.jobs.ParameterSchema;
import io.geoetl.jobs.StageResults;
import io.geoetl.jobs.TaskContext;
import io.geoetl.jobs.TaskSpec;
import java.util.List;

/**
 * The record of a dropped blob that could not become a job of its own type (unknown file ending,
 * job type not registered, parameters or metadata rejected, blob gone). Planning its only stage
 * fails with the reason, so the job is failed (error code bad_input) in the transaction that
 * creates it: no task, no queue message. Its id comes from the blob, its ETag and the reason like
 * any job's, so a re-delivered event finds the same failed job.
 */
public final class RejectedDropJobType implements JobType {
    public static final String NAME = "rejected_drop";
    private static final ParameterSchema PARAMETERS = new ParameterSchema()
            .requiredString("container", "The container the blob landed in.", null, null)
            .requiredString("blob_name", "The blob that was dropped.", null, null)
            .requiredString("reason", "Why no job takes it.", null, null)
            .string("job_type", "The job type its extension maps to, when that type is not registered.", null, null, null);

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "Records a dropped blob no job type takes, as a failed job that says why.";
    }

    @Override
    public ParameterSchema parameters() {
        return PARAMETERS;
    }

    @Override
    public boolean internal() {
        return true;
    }

    @Override
    public String subject(JsonNode parameters) {
        return parameters.path("container").asText() + "/" + parameters.path("blob_name").asText();
    }

    @Override
    public List<String> stageNames() {
        return List.of("reject");
    }

    @Override
    public List<TaskSpec> planStage(int stage, JsonNode parameters, StageResults previous) {
        throw new BadInputException(parameters.get("reason").asText());
    }

    @Override
    public JsonNode runTask(TaskContext context) {
        throw new IllegalStateException("rejected_drop plans no task");
    }

    @Override
    public JsonNode finish(JsonNode parameters, StageResults lastStage) {
        throw new IllegalStateException("rejected_drop never finishes: planning fails it");
    }
}
