package io.geoetl.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.geoetl.jobs.JobType;
import io.geoetl.jobs.Json;
import io.geoetl.jobs.ParameterSchema;
import io.geoetl.jobs.StageResults;
import io.geoetl.jobs.TaskContext;
import io.geoetl.jobs.TaskSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/** A one-stage job type for tests that counts how often each task's handler really ran. */
public final class CountingJobType implements JobType {
    public final Map<String, AtomicInteger> runs = new ConcurrentHashMap<>();

    @Override
    public String name() {
        return "counting";
    }

    @Override
    public String description() {
        return "Test job type: n tasks that count their runs.";
    }

    @Override
    public ParameterSchema parameters() {
        return new ParameterSchema()
                .integer("n", "Tasks.", 1, 1, 10_000)
                .integer("sleep_ms", "How long each task sleeps.", 0, 0, 60_000)
                .string("label", "Makes otherwise equal jobs distinct.", "", null, "");
    }

    @Override
    public List<String> stageNames() {
        return List.of("count");
    }

    @Override
    public List<TaskSpec> planStage(int stage, JsonNode parameters, StageResults previous) {
        List<TaskSpec> tasks = new ArrayList<>();
        for (int i = 0; i < parameters.get("n").intValue(); i++) {
            tasks.add(new TaskSpec("count", Json.object().put("index", i)));
        }
        return tasks;
    }

    @Override
    public JsonNode runTask(TaskContext context) throws InterruptedException {
        runs.computeIfAbsent(context.taskId(), id -> new AtomicInteger()).incrementAndGet();
        Thread.sleep(context.jobParameters().get("sleep_ms").intValue());
        return Json.object().put("index", context.taskParameters().get("index").intValue());
    }

    @Override
    public JsonNode finish(JsonNode parameters, StageResults lastStage) {
        return Json.object().put("counted", lastStage.results().size());
    }
}
