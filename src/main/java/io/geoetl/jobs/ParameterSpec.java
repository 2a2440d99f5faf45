package io.geoetl.jobs;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.regex.Pattern;

/**
 * One declared job parameter: its kind, a sentence saying what it does, its default and what
 * values it allows. {@link ParameterReader} validates against it; {@link #jsonSchema()}
 * describes it, so the two cannot drift apart.
 *
 * @param pattern strings (and list elements) must match it whole; null = any
 * @param explain what the pattern allows, in words (used in error messages)
 * @param allowed the only values a string may take (empty = any)
 * @param maxSize most elements of a list
 */
public record ParameterSpec(String name, Kind kind, String description, Object defaultValue, boolean required,
                            long min, long max, Pattern pattern, String explain, List<String> allowed, int maxSize) {

    /** What kind of value a parameter holds. */
    public enum Kind { INTEGER, BOOLEAN, STRING, INTEGER_LIST, STRING_LIST }

    /** This parameter as a JSON Schema (draft 2020-12) property. */
    public ObjectNode jsonSchema() {
        ObjectNode schema = Json.object();
        switch (kind) {
            case INTEGER -> integerSchema(schema);
            case BOOLEAN -> schema.put("type", "boolean");
            case STRING -> stringSchema(schema);
            case INTEGER_LIST -> {
                schema.put("type", "array").put("uniqueItems", true);
                integerSchema(schema.putObject("items"));
            }
            case STRING_LIST -> {
                schema.put("type", "array").put("uniqueItems", true).put("maxItems", maxSize);
                stringSchema(schema.putObject("items"));
            }
        }
        if (defaultValue != null) schema.set("default", Json.MAPPER.valueToTree(defaultValue));
        schema.put("description", description);
        return schema;
    }

    private void integerSchema(ObjectNode schema) {
        schema.put("type", "integer").put("minimum", min).put("maximum", max);
    }

    private void stringSchema(ObjectNode schema) {
        schema.put("type", "string");
        if (!allowed.isEmpty()) allowed.forEach(schema.putArray("enum")::add);
        if (pattern != null) schema.put("pattern", pattern.pattern());
    }
}
