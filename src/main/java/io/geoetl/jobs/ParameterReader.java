package io.geoetl.jobs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads job parameters one by one, collecting every problem instead of stopping at the first,
 * and builds the normalised parameter object (defaults filled in). {@link #done()} also reports
 * keys nobody asked for.
 */
public final class ParameterReader {
    private final JsonNode raw;
    private final ObjectNode normalised = Json.object();
    private final List<String> problems = new ArrayList<>();
    private final Set<String> known = new HashSet<>();

    public ParameterReader(JsonNode raw) {
        this.raw = raw == null || raw.isNull() || raw.isMissingNode() ? Json.object() : raw;
        if (!this.raw.isObject()) {
            problems.add("parameters must be a JSON object");
        }
    }

    public Integer integer(String name, Integer defaultValue, int min, int max) {
        JsonNode node = take(name);
        if (node == null) {
            return put(name, defaultValue);
        }
        if (!node.isIntegralNumber() || !node.canConvertToInt()) {
            return problem(name + " must be an integer between " + min + " and " + max + ", got " + node);
        }
        int value = node.intValue();
        if (value < min || value > max) {
            return problem(name + " must be between " + min + " and " + max + ", got " + value);
        }
        return put(name, value);
    }

    public Boolean bool(String name, Boolean defaultValue) {
        JsonNode node = take(name);
        if (node == null) {
            if (defaultValue != null) normalised.put(name, defaultValue);
            return defaultValue;
        }
        if (!node.isBoolean()) {
            return problem(name + " must be true or false, got " + node);
        }
        normalised.put(name, node.booleanValue());
        return node.booleanValue();
    }

    /** A string; {@code pattern} (may be null) must match the whole value; {@code explain} says what is allowed. */
    public String string(String name, String defaultValue, Pattern pattern, String explain) {
        JsonNode node = take(name);
        if (node == null) {
            if (defaultValue != null) normalised.put(name, defaultValue);
            return defaultValue;
        }
        if (!node.isTextual()) {
            return problem(name + " must be a string, got " + node);
        }
        String value = node.textValue();
        if (pattern != null && !pattern.matcher(value).matches()) {
            return problem(name + " " + explain + ", got \"" + value + "\"");
        }
        normalised.put(name, value);
        return value;
    }

    /** A required string. */
    public String requiredString(String name, Pattern pattern, String explain) {
        if (raw.isObject() && !raw.has(name)) {
            known.add(name);
            return problem(name + " is required");
        }
        return string(name, null, pattern, explain);
    }

    /** A list of distinct integers in [min, max], stored sorted (an absent list is stored empty). */
    public List<Integer> integerList(String name, int min, int max) {
        JsonNode node = take(name);
        List<Integer> values = new ArrayList<>();
        if (node != null && !node.isArray()) {
            problems.add(name + " must be a list of integers, got " + node);
            return values;
        }
        for (JsonNode element : node == null ? Json.array() : node) {
            if (!element.isIntegralNumber() || element.intValue() < min || element.intValue() > max) {
                problems.add(name + " must hold integers between " + min + " and " + max + ", got " + element);
                return List.of();
            }
            if (!values.contains(element.intValue())) values.add(element.intValue());
        }
        values.sort(null);
        ArrayNode out = normalised.putArray(name);
        values.forEach(out::add);
        return values;
    }

    /**
     * A list of distinct strings, each matching {@code pattern} (may be null), at most {@code maxSize}
     * of them, stored in the given order (an absent list is stored empty).
     */
    public List<String> stringList(String name, Pattern pattern, String explain, int maxSize) {
        JsonNode node = take(name);
        List<String> values = new ArrayList<>();
        if (node != null && !node.isArray()) {
            problems.add(name + " must be a list of strings, got " + node);
            return values;
        }
        for (JsonNode element : node == null ? Json.array() : node) {
            if (!element.isTextual() || (pattern != null && !pattern.matcher(element.textValue()).matches())) {
                problems.add(name + " must hold strings that " + explain + ", got " + element);
                return List.of();
            }
            if (!values.contains(element.textValue())) values.add(element.textValue());
        }
        if (values.size() > maxSize) {
            problems.add(name + " may hold at most " + maxSize + " entries, got " + values.size());
            return List.of();
        }
        ArrayNode out = normalised.putArray(name);
        values.forEach(out::add);
        return values;
    }

    /** A problem found by the caller (for rules that involve several parameters). */
    public void reject(String problem) {
        problems.add(problem);
    }

    public boolean hasProblems() {
        return !problems.isEmpty();
    }

    /** The normalised parameters, or every problem found (unknown keys included). */
    public ObjectNode done() {
        if (raw.isObject()) {
            for (Iterator<String> names = raw.fieldNames(); names.hasNext(); ) {
                String name = names.next();
                if (!known.contains(name)) {
                    problems.add("unknown parameter " + name + " (known: " + String.join(", ", known.stream().sorted().toList()) + ")");
                }
            }
        }
        if (!problems.isEmpty()) {
            throw new InvalidParametersException(problems);
        }
        return normalised;
    }

    private JsonNode take(String name) {
        known.add(name);
        if (!raw.isObject()) return null;
        JsonNode node = raw.get(name);
        return node == null || node.isNull() ? null : node;
    }

    private Integer put(String name, Integer value) {
        if (value != null) normalised.put(name, value);
        return value;
    }

    private <T> T problem(String text) {
        problems.add(text);
        return null;
    }
}
