package io.geoetl.jobs.hello;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.geoetl.jobs.BadInputException;
import io.geoetl.jobs.JobType;
import io.geoetl.jobs.Json;
import io.geoetl.jobs.ParameterReader;
import io.geoetl.jobs.ParameterSchema;
import io.geoetl.jobs.StageResults;
import io.geoetl.jobs.TaskContext;
import io.geoetl.jobs.TaskSpec;
import java.util.ArrayList;
import java.util.List;

/**
 * Proves the orchestration: stage greet runs n tasks, stage reply runs n tasks that each read
 * the greeting of the same index. Parameters:
 * <ul>
 *   <li>{@code n} (1..1000, default 3): tasks per stage</li>
 *   <li>{@code fail_permanently}: greet indexes that fail as bad input (the job fails at once)</li>
 *   <li>{@code fail_transiently}: greet indexes that throw a transient error on their first
 *       {@code transient_failures} attempts (default 1), then succeed</li>
 * </ul>
 */
public final class HelloWorldJobType implements JobType {
    private static final ParameterSchema PARAMETERS = new ParameterSchema()
            .integer("n", "Tasks per stage.", 3, 1, 1000)
            .integerList("fail_permanently", "Greet task indexes that fail as bad input, which fails the job at once.", 0, 999)
            .integerList("fail_transiently", "Greet task indexes that throw a transient error on their first attempts, then succeed.",
                    0, 999)
            .integer("transient_failures", "How many attempts of each fail_transiently task fail (default 1 when fail_transiently "
                    + "is given).", null, 1, 10);

    @Override
    public String name() {
        return "hello_world";
    }

    @Override
    public String description() {
        return "Proves the orchestration: n greet tasks, then n reply tasks that each read the greeting of the same index.";
    }

    @Override
    public ParameterSchema parameters() {
        return PARAMETERS;
    }

    @Override
    public ObjectNode normalise(JsonNode raw) {
        ParameterReader reader = PARAMETERS.read(raw);
        int n = orZero(reader.integer("n"));
        List<Integer> permanent = reader.integerList("fail_permanently");
        List<Integer> transient_ = reader.integerList("fail_transiently");
        reader.integer("transient_failures", transient_.isEmpty() ? null : 1);
        for (int index : concat(permanent, transient_)) {
            if (n > 0 && index >= n) {
                reader.reject("task index " + index + " in fail_permanently/fail_transiently is out of range for n=" + n);
            }
        }
        return reader.done();
    }

    @Override
    public String subject(JsonNode parameters) {
        return parameters.path("n").asInt() + " greeting(s)";
    }

    @Override
    public List<String> stageNames() {
        return List.of("greet", "reply");
    }

    @Override
    public List<TaskSpec> planStage(int stage, JsonNode parameters, StageResults previous) {
        int n = parameters.get("n").intValue();
        List<TaskSpec> tasks = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            ObjectNode taskParameters = Json.object().put("index", i);
            if (stage == 2) {
                taskParameters.set("greeting", previous.results().get(i).get("greeting"));
            }
            tasks.add(new TaskSpec(stage == 1 ? "greet" : "reply", taskParameters));
        }
        return tasks;
    }

    @Override
    public JsonNode runTask(TaskContext context) {
        int index = context.taskParameters().get("index").intValue();
        if (context.taskType().equals("reply")) {
            String greeting = context.taskParameters().get("greeting").asText();
            return Json.object().put("index", index).put("reply", "Hello back to: " + greeting);
        }
        JsonNode job = context.jobParameters();
        if (contains(job.path("fail_permanently"), index)) {
            throw new BadInputException("greet task " + index + " was asked to fail permanently (fail_permanently)");
        }
        if (contains(job.path("fail_transiently"), index) && context.attempt() <= job.path("transient_failures").asInt(1)) {
            throw new IllegalStateException("greet task " + index + " fails transiently on attempt " + context.attempt());
        }
        return Json.object().put("index", index).put("greeting", "Hello from task " + index);
    }

    @Override
    public JsonNode finish(JsonNode parameters, StageResults lastStage) {
        ObjectNode result = Json.object();
        result.put("replies", lastStage.results().size());
        result.put("first_reply", lastStage.results().get(0).get("reply").asText());
        return result;
    }

    private static boolean contains(JsonNode array, int value) {
        for (JsonNode element : array) {
            if (element.asInt() == value) return true;
        }
        return false;
    }

    private static List<Integer> concat(List<Integer> a, List<Integer> b) {
        List<Integer> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }

    private static int orZero(Integer value) {
        return value == null ? 0 : value;
    }
}
