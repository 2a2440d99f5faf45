package io.geoetl.stac.filter;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The properties a filter may use, each with the kind of value it holds (from the JSON Schema that
 * {@code /queryables} serves). {@code id}, {@code collection}, {@code geometry} and {@code datetime} are
 * always queryable. A filter on any other name fails with {@link FilterException.Kind#UNKNOWN_QUERYABLE}.
 */
public final class Queryables {
    /** What a queryable holds, as far as comparing it goes. */
    public enum Type {
        STRING, NUMBER, INTEGER, BOOLEAN, TIMESTAMP, GEOMETRY, ARRAY, OBJECT,
        /** No type given: compared as whatever JSON value it holds. */
        ANY;

        /** How the type reads in an error message. */
        String describe() {
            return switch (this) {
                case STRING -> "a string";
                case NUMBER -> "a number";
                case INTEGER -> "an integer";
                case BOOLEAN -> "a boolean";
                case TIMESTAMP -> "a timestamp";
                case GEOMETRY -> "a geometry";
                case ARRAY -> "an array";
                case OBJECT -> "an object";
                case ANY -> "any value";
            };
        }
    }

    /** The queryables every STAC item has. */
    public static final Map<String, Type> CORE = Map.of("id", Type.STRING, "collection", Type.STRING,
            "geometry", Type.GEOMETRY, "datetime", Type.TIMESTAMP);
    private static final String PROPERTIES_PREFIX = "properties.";
    private static final int NAMES_IN_MESSAGE = 30;

    private final Map<String, Type> types;

    private Queryables(Map<String, Type> types) {
        this.types = Collections.unmodifiableMap(types);
    }

    /** The core queryables plus {@code properties} (a name given here overrides a core one's type). */
    public static Queryables of(Map<String, Type> properties) {
        Map<String, Type> all = new LinkedHashMap<>(CORE);
        all.putAll(properties);
        return new Queryables(all);
    }

    /**
     * From a queryables JSON Schema ({@code {"properties": {"eo:cloud_cover": {"type": "number"}, …}}}):
     * {@code type} gives the kind (the first one other than "null" when it is a list), {@code format:
     * date-time} makes a string a timestamp, a {@code $ref} to a GeoJSON geometry schema a geometry.
     */
    public static Queryables fromJsonSchema(JsonNode schema) {
        Map<String, Type> properties = new LinkedHashMap<>();
        schema.path("properties").fields().forEachRemaining(field -> properties.put(field.getKey(), typeOf(field.getValue())));
        return of(properties);
    }

    /** The queryable's type; a client's {@code properties.} prefix ({@code properties.eo:cloud_cover}) is accepted. */
    public Optional<Type> type(String name) {
        return Optional.ofNullable(types.get(canonicalName(name)));
    }

    /** {@code name} without a {@code properties.} prefix that does not belong to a queryable's own name. */
    public String canonicalName(String name) {
        if (!types.containsKey(name) && name.startsWith(PROPERTIES_PREFIX)) return name.substring(PROPERTIES_PREFIX.length());
        return name;
    }

    public Set<String> names() {
        return types.keySet();
    }

    /**
     * {@code filter} checked against these queryables: the same filter with every property under its
     * queryable name and literals of the kind their property holds, or a {@link FilterException} naming
     * an unknown queryable or a value of the wrong kind.
     */
    public Condition resolve(Condition filter) {
        return new QueryableResolver(this).resolve(filter);
    }

    /** The type of a queryable the filter names, or the error that lists what may be used instead. */
    Type require(String name) {
        return type(name).orElseThrow(() -> {
            Set<String> sorted = new TreeSet<>(types.keySet());
            String listed = sorted.size() <= NAMES_IN_MESSAGE ? String.join(", ", sorted)
                    : String.join(", ", sorted.stream().limit(NAMES_IN_MESSAGE).toList()) + ", …";
            return new FilterException(FilterException.Kind.UNKNOWN_QUERYABLE, "unknown queryable '" + name
                    + "': filters may use " + listed + " (see /queryables)");
        });
    }

    private static Type typeOf(JsonNode schema) {
        String ref = schema.path("$ref").asText("").toLowerCase(Locale.ROOT);
        if (ref.contains("geojson") || ref.contains("geometry")) return Type.GEOMETRY;
        JsonNode type = schema.path("type");
        String name = type.isArray() ? firstNonNull(type) : type.asText("");
        return switch (name) {
            case "string" -> "date-time".equals(schema.path("format").asText()) ? Type.TIMESTAMP : Type.STRING;
            case "number" -> Type.NUMBER;
            case "integer" -> Type.INTEGER;
            case "boolean" -> Type.BOOLEAN;
            case "array" -> Type.ARRAY;
            case "object" -> Type.OBJECT;
            default -> Type.ANY;
        };
    }

    private static String firstNonNull(JsonNode types) {
        for (JsonNode type : types) {
            if (!"null".equals(type.asText())) return type.asText();
        }
        return "";
    }
}
