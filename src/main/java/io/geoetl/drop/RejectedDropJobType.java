package io.geoetl.drop;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.geoetl.jobs.BadInputException;
import io.geoetl.jobs.JobType;
import io.geoetl.jobs.ParameterReader;
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

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public ObjectNode normalise(JsonNode raw) {
        ParameterReader reader = new ParameterReader(raw);
        reader.requiredString("container", null, null);
        reader.requiredString("blob_name", null, null);
        reader.requiredString("reason", null, null);
        reader.string("job_type", null, null, null);
        return reader.done();
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
