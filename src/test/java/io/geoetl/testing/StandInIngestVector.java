package io.geoetl.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.geoetl.jobs.JobType;
import io.geoetl.jobs.Json;
import io.geoetl.jobs.ParameterSchema;
import io.geoetl.jobs.StageResults;
import io.geoetl.jobs.TaskContext;
import io.geoetl.jobs.TaskSpec;
import io.geoetl.vector.IngestVectorJobType;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Stands in for ingest_vector in blob-drop trigger tests: validates the parameters a drop passes
 * (a subset of the real type's), records what its task received per job, and completes.
 */
public final class StandInIngestVector implements JobType {
    /** Job parameters as the task saw them, by job id. */
    public final Map<String, JsonNode> received = new ConcurrentHashMap<>();

    /** Its own name: the registry refuses a second ingest_vector, so drop tests map file endings to this one. */
    public static final String NAME = "stand_in_vector";
    /** geoetl.blob-drop.job-types sending every vector ending to the stand-in. */
    public static final String DROP_MAPPING = ".geojson:" + NAME + ",.json:" + NAME + ",.zip:" + NAME + ",.gpkg:" + NAME + ",.csv:" + NAME
            + ",.kml:" + NAME + ",.kmz:" + NAME + ",.gpx:" + NAME + ",.tif:process_raster,.tiff:process_raster,.las:process_pointcloud";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "Stand-in for ingest_vector: accepts and rejects the same parameters, runs one task that records them.";
    }

    /** The real ingest_vector's declaration and rules, so the stand-in refuses what the real type refuses. */
    @Override
    public ParameterSchema parameters() {
        return IngestVectorJobType.PARAMETERS;
    }

    @Override
    public ObjectNode normalise(JsonNode raw) {
        return IngestVectorJobType.normaliseParameters(raw);
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
