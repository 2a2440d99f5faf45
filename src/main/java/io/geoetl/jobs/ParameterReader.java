package io.geoetl.jobs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.geoetl.jobs.ParameterSpec.Kind;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/**
 * Reads a submission's parameters against their {@link ParameterSchema}, one by one, collecting
 * every problem instead of stopping at the first, and builds the normalised parameter object
 * (defaults filled in). Rules that involve several parameters are added with {@link #reject};
 * {@link #done()} also reports keys the schema does not declare.
 */
public final class ParameterReader {
    private final ParameterSchema schema;
    private final JsonNode raw;
    private final ObjectNode normalised = Json.object();
    private final List<String> problems = new ArrayList<>();
    private final Set<String> read = new HashSet<>();

    ParameterReader(ParameterSchema schema, JsonNode raw) {
        this.schema = schema;
        this.raw = raw == null || raw.isNull() || raw.isMissingNode() ? Json.object() : raw;
        if (!this.raw.isObject()) {
            problems.add("parameters must be a JSON object");
        }
    }

    public Integer integer(String name) {
        ParameterSpec spec = schema.spec(name, Kind.INTEGER);
        return integer(name, (Integer) spec.defaultValue());
    }

    /** An integer whose default depends on other parameters (the declared default is ignored). */
    public Integer integer(String name, Integer defaultValue) {
        ParameterSpec spec = schema.spec(name, Kind.INTEGER);
        JsonNode node = take(spec);
        if (node == null) {
            if (defaultValue != null) normalised.put(name, defaultValue);
            return defaultValue;
        }
        if (!node.isIntegralNumber() || !node.canConvertToInt()) {
            return problem(name + " must be an integer between " + spec.min() + " and " + spec.max() + ", got " + node);
        }
        if (node.intValue() < spec.min() || node.intValue() > spec.max()) {
            return problem(name + " must be between " + spec.min() + " and " + spec.max() + ", got " + node.intValue());
        }
        normalised.put(name, node.intValue());
        return node.intValue();
    }

    public Boolean bool(String name) {
        ParameterSpec spec = schema.spec(name, Kind.BOOLEAN);
        JsonNode node = take(spec);
        Boolean value;
        if (node == null) {
            value = (Boolean) spec.defaultValue();
        } else if (node.isBoolean()) {
            value = node.booleanValue();
        } else {
            return problem(name + " must be true or false, got " + node);
        }
        if (value != null) normalised.put(name, value);
        return value;
    }

    public String string(String name) {
        ParameterSpec spec = schema.spec(name, Kind.STRING);
        return string(name, (String) spec.defaultValue());
    }

    /** A string whose default depends on other parameters (the declared default is ignored). */
    public String string(String name, String defaultValue) {
        ParameterSpec spec = schema.spec(name, Kind.STRING);
        JsonNode node = take(spec);
        if (node == null) {
            if (spec.required()) return problem(name + " is required");
            if (defaultValue != null) normalised.put(name, defaultValue);
            return defaultValue;
        }
        if (!node.isTextual()) {
            return problem(name + " must be a string, got " + node);
        }
        String value = node.textValue();
        if (!fits(spec, value)) {
            return problem(name + " " + spec.explain() + ", got \"" + value + "\"");
        }
        normalised.put(name, value);
        return value;
    }

    /** Distinct integers, stored sorted (an absent list is stored empty). */
    public List<Integer> integerList(String name) {
        ParameterSpec spec = schema.spec(name, Kind.INTEGER_LIST);
        JsonNode node = take(spec);
        List<Integer> values = new ArrayList<>();
        if (node != null && !node.isArray()) {
            return listProblem(name + " must be a list of integers, got " + node);
        }
        for (JsonNode element : node == null ? Json.array() : node) {
            if (!element.isIntegralNumber() || element.longValue() < spec.min() || element.longValue() > spec.max()) {
                return listProblem(name + " must hold integers between " + spec.min() + " and " + spec.max() + ", got " + element);
            }
            if (!values.contains(element.intValue())) values.add(element.intValue());
        }
        values.sort(null);
        ArrayNode out = normalised.putArray(name);
        values.forEach(out::add);
        return values;
    }

    /** Distinct strings in the given order (an absent list is stored empty). */
    public List<String> stringList(String name) {
        ParameterSpec spec = schema.spec(name, Kind.STRING_LIST);
        JsonNode node = take(spec);
        List<String> values = new ArrayList<>();
        if (node != null && !node.isArray()) {
            return listProblem(name + " must be a list of strings, got " + node);
        }
        for (JsonNode element : node == null ? Json.array() : node) {
            if (!element.isTextual() || !fits(spec, element.textValue())) {
                return listProblem(name + " must hold strings that " + spec.explain() + ", got " + element);
            }
            if (!values.contains(element.textValue())) values.add(element.textValue());
        }
        if (values.size() > spec.maxSize()) {
            return listProblem(name + " may hold at most " + spec.maxSize() + " entries, got " + values.size());
        }
        ArrayNode out = normalised.putArray(name);
        values.forEach(out::add);
        return values;
    }

    /** Reads every declared parameter by its kind, then {@link #done()}: for types with no rule across parameters. */
    public ObjectNode readAllAndFinish() {
        for (ParameterSpec spec : schema.specs()) {
            switch (spec.kind()) {
                case INTEGER -> integer(spec.name());
                case BOOLEAN -> bool(spec.name());
                case STRING -> string(spec.name());
                case INTEGER_LIST -> integerList(spec.name());
                case STRING_LIST -> stringList(spec.name());
            }
        }
        return done();
    }

    /** A problem found by the caller (for rules that involve several parameters). */
    public void reject(String problem) {
        problems.add(problem);
    }

    public boolean hasProblems() {
        return !problems.isEmpty();
    }

    /** The normalised parameters, or every problem found (keys the schema does not declare included). */
    public ObjectNode done() {
        for (ParameterSpec spec : schema.specs()) {
            if (!read.contains(spec.name())) {
                throw new IllegalStateException("parameter " + spec.name() + " is declared but never read: read it in normalise");
            }
        }
        if (raw.isObject()) {
            for (Iterator<String> names = raw.fieldNames(); names.hasNext(); ) {
                String name = names.next();
                if (!read.contains(name)) {
                    problems.add("unknown parameter " + name + " (known: " + String.join(", ", read.stream().sorted().toList()) + ")");
                }
            }
        }
        if (!problems.isEmpty()) {
            throw new InvalidParametersException(problems);
        }
        return normalised;
    }

    private static boolean fits(ParameterSpec spec, String value) {
        return (spec.pattern() == null || spec.pattern().matcher(value).matches())
                && (spec.allowed().isEmpty() || spec.allowed().contains(value));
    }

    private JsonNode take(ParameterSpec spec) {
        read.add(spec.name());
        if (!raw.isObject()) return null;
        JsonNode node = raw.get(spec.name());
        return node == null || node.isNull() ? null : node;
    }

    private <T> T problem(String text) {
        problems.add(text);
        return null;
    }

    private <T> List<T> listProblem(String text) {
        problems.add(text);
        return List.of();
    }
}
