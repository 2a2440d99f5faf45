package io.geoetl.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.geoetl.jobs.Json;
import io.geoetl.testing.Api;
import io.geoetl.testing.RunningRouter;
import io.geoetl.testing.TestServices;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * GET /api/job-types describes each submittable type; every rule it states (range, allowed
 * values, pattern, type, required, no other keys, defaults) is checked against what
 * POST /api/jobs/submit/{type} really accepts and refuses.
 */
class JobTypesApiTest {
    private static RunningRouter router;
    private static Api api;

    @BeforeAll
    static void start() {
        TestServices.get().deleteAllJobs();
        router = RunningRouter.builder().property("geoetl.worker.concurrency", "1").start();
        api = new Api(router.baseUrl());
    }

    @AfterAll
    static void stop() {
        router.close();
    }

    @Test
    void listsTheSubmittableTypesWithTheirStagesAndNotTheInternalOnes() {
        Api.Reply reply = api.get("/api/job-types");
        assertThat(reply.status()).isEqualTo(200);
        Map<String, JsonNode> types = byName(reply.body().get("job_types"));
        assertThat(types).containsKeys("hello_world", "ingest_vector").doesNotContainKey("rejected_drop");
        assertThat(texts(types.get("hello_world").get("stages"))).containsExactly("greet", "reply");
        assertThat(texts(types.get("ingest_vector").get("stages"))).containsExactly("prepare", "load", "finalize");
        assertThat(texts(types.get("ingest_vector").get("parameters").get("required"))).containsExactly("blob_name");
        types.values().forEach(type -> type.get("parameters").get("properties").forEach(p ->
                assertThat(p.get("description").asText()).as(type.get("name") + " parameter description").isNotBlank()));
        assertThat(api.get("/api/job-types/rejected_drop").status()).isEqualTo(404);
        assertThat(api.get("/api/job-types/hello_world").body().get("name").asText()).isEqualTo("hello_world");
    }

    @Test
    void internalJobTypesCannotBeSubmitted() {
        Api.Reply reply = api.submit("rejected_drop", "{\"container\": \"bronze\", \"blob_name\": \"x.txt\", \"reason\": \"made up\"}");
        assertThat(reply.status()).isEqualTo(404);
        assertThat(reply.body().get("code").asText()).isEqualTo("unknown_job_type");
    }

    @Test
    void everyRuleTheSchemaStatesIsTheRuleSubmissionApplies() {
        for (JsonNode type : api.get("/api/job-types").body().get("job_types")) {
            String name = type.get("name").asText();
            JsonNode schema = type.get("parameters");
            ObjectNode valid = minimalValid(name);
            for (Iterator<Map.Entry<String, JsonNode>> it = schema.get("properties").fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> parameter = it.next();
                for (JsonNode wrong : valuesTheSchemaRefuses(parameter.getValue())) {
                    ObjectNode parameters = valid.deepCopy();
                    parameters.set(parameter.getKey(), wrong);
                    assertRefusedNaming(name, parameters, parameter.getKey());
                }
            }
            ObjectNode unknown = valid.deepCopy().put("no_such_parameter", 1);
            assertThat(schema.get("additionalProperties").asBoolean()).isFalse();
            assertRefusedNaming(name, unknown, "no_such_parameter");
            for (JsonNode required : schema.path("required")) {
                ObjectNode missing = valid.deepCopy();
                missing.remove(required.asText());
                assertRefusedNaming(name, missing, required.asText());
            }
        }
    }

    @Test
    void theSchemaDefaultsAreWhatASubmissionIsGiven() {
        JsonNode schema = api.get("/api/job-types/hello_world").body().get("parameters");
        Api.Reply created = api.submit("hello_world", "{\"n\": 2}");
        assertThat(created.status()).isEqualTo(201);
        JsonNode stored = api.get("/api/jobs/" + created.body().get("job_id").asText()).body().get("parameters");
        schema.get("properties").fields().forEachRemaining(p -> {
            if (p.getValue().has("default") && !p.getKey().equals("n")) {
                assertThat(stored.get(p.getKey())).as("default of " + p.getKey()).isEqualTo(p.getValue().get("default"));
            }
        });
        JsonNode boundary = Json.object().put("n", schema.get("properties").get("n").get("maximum").asInt());
        assertThat(api.submit("hello_world", Json.write(boundary)).status()).isEqualTo(201);
    }

    /** Values the property's schema says are wrong: just outside the range, outside the enum, not matching the pattern, wrong type. */
    private static List<JsonNode> valuesTheSchemaRefuses(JsonNode property) {
        List<JsonNode> wrong = new ArrayList<>();
        switch (property.get("type").asText()) {
            case "integer" -> {
                wrong.add(Json.MAPPER.valueToTree(property.get("minimum").asLong() - 1));
                wrong.add(Json.MAPPER.valueToTree(property.get("maximum").asLong() + 1));
                wrong.add(Json.MAPPER.valueToTree("7"));
            }
            case "boolean" -> wrong.add(Json.MAPPER.valueToTree("yes"));
            case "string" -> {
                wrong.add(Json.MAPPER.valueToTree(17));
                String outsider = "Not Allowed! \u0001";
                if (property.has("enum") || (property.has("pattern") && !Pattern.compile(property.get("pattern").asText()).matcher(outsider).matches())) {
                    wrong.add(Json.MAPPER.valueToTree(outsider));
                }
            }
            case "array" -> {
                wrong.add(Json.MAPPER.valueToTree("not a list"));
                wrong.addAll(valuesTheSchemaRefuses(property.get("items")).stream().map(item -> (JsonNode) Json.array().add(item)).toList());
            }
            default -> throw new AssertionError("unexpected parameter type " + property);
        }
        return wrong;
    }

    private static ObjectNode minimalValid(String type) {
        return switch (type) {
            case "ingest_vector" -> Json.object().put("blob_name", "job-types-test/nowhere.geojson").put("table_name", "job_types_probe");
            default -> Json.object();
        };
    }

    private static void assertRefusedNaming(String type, JsonNode parameters, String name) {
        Api.Reply reply = api.submit(type, Json.write(parameters));
        assertThat(reply.status()).as(type + " " + parameters).isEqualTo(400);
        assertThat(reply.body().get("message").asText()).as(type + " " + parameters).contains(name);
    }

    private static Map<String, JsonNode> byName(JsonNode array) {
        Map<String, JsonNode> byName = new java.util.LinkedHashMap<>();
        array.forEach(node -> byName.put(node.get("name").asText(), node));
        return byName;
    }

    private static List<String> texts(JsonNode array) {
        List<String> texts = new ArrayList<>();
        array.forEach(node -> texts.add(node.asText()));
        return texts;
    }
}
