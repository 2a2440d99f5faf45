package io.geoetl.jobs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.geoetl.jobs.ParameterSpec.Kind;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The declaration of a job type's parameters, in the order they are documented. It is the one
 * source for validating a submission ({@link #read}) and for describing the type to clients
 * ({@link #jsonSchema}, served by GET /api/job-types).
 */
public final class ParameterSchema {
    private final Map<String, ParameterSpec> specs = new LinkedHashMap<>();

    public ParameterSchema integer(String name, String description, Integer defaultValue, int min, int max) {
        return add(new ParameterSpec(name, Kind.INTEGER, description, defaultValue, false, min, max, null, null, List.of(), 0));
    }

    public ParameterSchema bool(String name, String description, Boolean defaultValue) {
        return add(new ParameterSpec(name, Kind.BOOLEAN, description, defaultValue, false, 0, 0, null, null, List.of(), 0));
    }

    /** An optional string; {@code pattern} (may be null) must match the whole value, {@code explain} says what it allows. */
    public ParameterSchema string(String name, String description, String defaultValue, Pattern pattern, String explain) {
        return add(new ParameterSpec(name, Kind.STRING, description, defaultValue, false, 0, 0, pattern, explain, List.of(), 0));
    }

    public ParameterSchema requiredString(String name, String description, Pattern pattern, String explain) {
        return add(new ParameterSpec(name, Kind.STRING, description, null, true, 0, 0, pattern, explain, List.of(), 0));
    }

    /** A string that takes one of {@code allowed}. */
    public ParameterSchema oneOf(String name, String description, String defaultValue, List<String> allowed) {
        return add(new ParameterSpec(name, Kind.STRING, description, defaultValue, false, 0, 0, null,
                "must be one of " + String.join(", ", allowed), List.copyOf(allowed), 0));
    }

    /** A list of distinct integers in [min, max], stored sorted. */
    public ParameterSchema integerList(String name, String description, int min, int max) {
        return add(new ParameterSpec(name, Kind.INTEGER_LIST, description, null, false, min, max, null, null, List.of(), 0));
    }

    /** A list of at most {@code maxSize} distinct strings, each matching {@code pattern}. */
    public ParameterSchema stringList(String name, String description, Pattern pattern, String explain, int maxSize) {
        return add(new ParameterSpec(name, Kind.STRING_LIST, description, null, false, 0, 0, pattern, explain, List.of(), maxSize));
    }

    /** Starts reading a submission's raw parameters against this declaration. */
    public ParameterReader read(JsonNode raw) {
        return new ParameterReader(this, raw);
    }

    /** Reads every declared parameter with its declared default: enough for a type without rules across parameters. */
    public ObjectNode normalise(JsonNode raw) {
        ParameterReader reader = read(raw);
        specs.values().forEach(reader::readAsDeclared);
        return reader.done();
    }

    public Collection<ParameterSpec> specs() {
        return specs.values();
    }

    ParameterSpec spec(String name, Kind kind) {
        ParameterSpec spec = specs.get(name);
        if (spec == null || spec.kind() != kind) {
            throw new IllegalStateException("parameter " + name + " is not declared as " + kind + " in this job type's ParameterSchema");
        }
        return spec;
    }

    /** An object schema: every parameter with its type, default, range or allowed values and description; nothing else allowed. */
    public ObjectNode jsonSchema() {
        ObjectNode schema = Json.object().put("type", "object").put("additionalProperties", false);
        ObjectNode properties = schema.putObject("properties");
        ArrayNode required = Json.array();
        for (ParameterSpec spec : specs.values()) {
            properties.set(spec.name(), spec.jsonSchema());
            if (spec.required()) required.add(spec.name());
        }
        if (!required.isEmpty()) schema.set("required", required);
        return schema;
    }

    private ParameterSchema add(ParameterSpec spec) {
        if (specs.putIfAbsent(spec.name(), spec) != null) {
            throw new IllegalArgumentException("parameter " + spec.name() + " is declared twice");
        }
        return this;
    }
}
