package io.geoetl.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.geoetl.jobs.JobType;
import io.geoetl.jobs.Json;
import io.geoetl.jobs.ParameterReader;
import io.geoetl.jobs.StageResults;
import io.geoetl.jobs.TaskContext;
import io.geoetl.jobs.TaskSpec;
import io.geoetl.vector.IngestVectorJobType;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * Stands in for ingest_vector in blob-drop trigger tests: validates the parameters a drop passes
 * (a subset of the real type's), records what its task received per job, and completes.
 */
public final class StandInIngestVector implements JobType {
    private static final Pattern IDENTIFIER = Pattern.compile("^[a-z_][a-z0-9_]{0,62}$");
    /** Job parameters as the task saw them, by job id. */
    public final Map<String, JsonNode> received = new ConcurrentHashMap<>();

    @Override
    public String name() {
        return "ingest_vector";
    }

    @Override
    public ObjectNode normalise(JsonNode raw) {
        ParameterReader reader = new ParameterReader(raw);
        reader.requiredString("container", null, null);
        String blobName = reader.requiredString("blob_name", null, null);
        reader.string("table_name", blobName == null ? null : IngestVectorJobType.defaultTableName(blobName), IDENTIFIER,
                "must match ^[a-z_][a-z0-9_]{0,62}$");
        reader.string("schema", "geo", IDENTIFIER, "must match ^[a-z_][a-z0-9_]{0,62}$");
        reader.string("layer_name", null, null, null);
        reader.string("source_crs", null, null, null);
        reader.string("target_crs", "EPSG:4326", null, null);
        reader.integer("chunk_size", 50_000, 1, 10_000_000);
        reader.bool("overwrite", false);
        return reader.done();
    }

    @Override
    public List<String> stageNames() {
        return List.of("load");
    }

    @Override
    public List<TaskSpec> planStage(int stage, JsonNode parameters, StageResults previous) {
        return List.of(new TaskSpec("load", Json.object()));
    }

    @Override
    public JsonNode runTask(TaskContext context) {
        received.put(context.jobId(), context.jobParameters());
        return Json.object().put("table", context.jobParameters().get("schema").asText() + "." + context.jobParameters().get("table_name").asText());
    }

    @Override
    public JsonNode finish(JsonNode parameters, StageResults lastStage) {
        return lastStage.results().get(0);
    }
}
