package io.geoetl.stac.filter;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Reads CQL2-JSON (OGC 21-065, the JSON schema of annex C) into the same {@link Condition} tree as
 * {@link Cql2TextParser}. Errors name the JSON pointer of the offending node ({@code /args/1}).
 */
final class Cql2JsonParser {
    private static final Set<String> ARRAY_OPERATORS = Set.of("a_equals", "a_contains", "a_containedby", "a_overlaps");
    private static final Set<String> CHARACTER_FUNCTIONS = Set.of("casei", "accenti");
    private static final Set<String> ARITHMETIC = Set.of("+", "-", "*", "/", "^", "%", "div");
    private static final int MAX_NESTING = 100;

    private Cql2JsonParser() {}

    static Condition parse(JsonNode node) {
        if (node == null || node.isMissingNode() || node.isNull()) throw FilterException.invalid("the filter is empty");
        return condition(node, "", 0);
    }

    private static Condition condition(JsonNode node, String path, int depth) {
        if (depth > MAX_NESTING) throw FilterException.invalid("at " + where(path) + ": the filter nests deeper than " + MAX_NESTING + " levels");
        if (node.isBoolean()) return new BooleanLiteral(node.booleanValue());
        if (!node.isObject() || !node.has("op")) {
            throw FilterException.invalid("at " + where(path) + ": expected a condition (an object with \"op\" and \"args\", "
                    + "or true/false), found " + kind(node));
        }
        String op = operatorName(node, path);
        List<JsonNode> args = args(node, path);
        String lower = op.toLowerCase(Locale.ROOT);
        switch (lower) {
            case "and", "or" -> {
                List<Condition> conditions = new ArrayList<>();
                for (int i = 0; i < args.size(); i++) conditions.add(condition(args.get(i), argPath(path, i), depth + 1));
                return build(path, () -> lower.equals("and") ? new Condition.And(conditions) : new Condition.Or(conditions));
            }
            case "not" -> {
                requireCount(args, 1, op, path);
                return new Condition.Not(condition(args.get(0), argPath(path, 0), depth + 1));
            }
            case "like" -> {
                requireCount(args, 2, op, path);
                Operand value = operand(args.get(0), argPath(path, 0));
                String pattern = likePattern(args.get(1), argPath(path, 1));
                return build(path, () -> new Condition.Like(value, pattern));
            }
            case "between" -> {
                requireCount(args, 3, op, path);
                List<Operand> operands = operands(args, path);
                return build(path, () -> new Condition.Between(operands.get(0), operands.get(1), operands.get(2)));
            }
            case "in" -> {
                requireCount(args, 2, op, path);
                Operand value = operand(args.get(0), argPath(path, 0));
                List<Operand> list = inList(args.get(1), argPath(path, 1));
                return build(path, () -> new Condition.In(value, list));
            }
            case "isnull" -> {
                requireCount(args, 1, op, path);
                Operand value = operand(args.get(0), argPath(path, 0));
                return new Condition.IsNull(value);
            }
            default -> {
                return predicate(op, lower, args, path);
            }
        }
    }

    /** Comparisons, spatial and temporal predicates (all binary); anything else is named as unsupported. */
    private static Condition predicate(String op, String lower, List<JsonNode> args, String path) {
        Optional<ComparisonOperator> comparison = ComparisonOperator.bySymbol(op);
        Optional<SpatialOperator> spatial = SpatialOperator.byName(op);
        Optional<TemporalOperator> temporal = TemporalOperator.byName(op);
        if (comparison.isEmpty() && spatial.isEmpty() && temporal.isEmpty()) throw unsupportedOperator(op, lower, path);
        requireCount(args, 2, op, path);
        List<Operand> operands = operands(args, path);
        Operand left = operands.get(0);
        Operand right = operands.get(1);
        if (comparison.isPresent()) return build(path, () -> new Condition.Comparison(comparison.get(), left, right));
        if (spatial.isPresent()) return build(path, () -> new Condition.Spatial(spatial.get(), left, right));
        return build(path, () -> new Condition.Temporal(temporal.get(), left, right));
    }

    private static FilterException unsupportedOperator(String op, String lower, String path) {
        String what;
        if (ARRAY_OPERATORS.contains(lower)) what = "array predicates are not supported";
        else if (CHARACTER_FUNCTIONS.contains(lower)) what = "case- and accent-insensitive comparison is not supported";
        else if (ARITHMETIC.contains(lower)) what = "arithmetic is not supported";
        else what = "not a supported CQL2 operator (functions are not offered)";
        return FilterException.unsupported("at " + where(path) + ": operator '" + op + "': " + what);
    }

    private static Operand operand(JsonNode node, String path) {
        if (node.isTextual()) return new Operand.StringLiteral(node.textValue());
        if (node.isNumber()) return new Operand.NumberLiteral(node.decimalValue());
        if (node.isBoolean()) return new BooleanLiteral(node.booleanValue());
        if (node.isObject()) {
            if (node.has("property")) return property(node, path);
            if (node.has("timestamp")) {
                String timestamp = text(node.get("timestamp"), path + "/timestamp");
                return build(path, () -> TemporalLiterals.timestamp(timestamp));
            }
            if (node.has("date")) {
                String date = text(node.get("date"), path + "/date");
                return build(path, () -> TemporalLiterals.date(date));
            }
            if (node.has("interval")) return interval(node.get("interval"), path + "/interval");
            if (node.has("bbox")) return bbox(node.get("bbox"), path + "/bbox");
            if (node.has("type")) return geometry(node, path);
            if (node.has("op")) {
                String op = operatorName(node, path);
                String lower = op.toLowerCase(Locale.ROOT);
                if (ARRAY_OPERATORS.contains(lower) || CHARACTER_FUNCTIONS.contains(lower) || ARITHMETIC.contains(lower)
                        || (ComparisonOperator.bySymbol(op).isEmpty() && SpatialOperator.byName(op).isEmpty()
                                && TemporalOperator.byName(op).isEmpty() && !Set.of("and", "or", "not", "like", "between",
                                        "in", "isnull").contains(lower))) {
                    throw unsupportedOperator(op, lower, path);
                }
                throw FilterException.unsupported("at " + where(path) + ": the condition '" + op + "' cannot be used as a value");
            }
        }
        if (node.isArray()) {
            throw FilterException.unsupported("at " + where(path) + ": arrays are only allowed as the list of 'in' "
                    + "(array predicates are not supported)");
        }
        throw FilterException.invalid("at " + where(path) + ": expected a property or a value, found " + kind(node));
    }

    private static List<Operand> operands(List<JsonNode> args, String path) {
        List<Operand> operands = new ArrayList<>();
        for (int i = 0; i < args.size(); i++) operands.add(operand(args.get(i), argPath(path, i)));
        return operands;
    }

    private static Operand.Property property(JsonNode node, String path) {
        JsonNode name = node.get("property");
        if (!name.isTextual()) throw FilterException.invalid("at " + where(path + "/property") + ": a property name is a string");
        return build(path, () -> new Operand.Property(name.textValue()));
    }

    private static String likePattern(JsonNode node, String path) {
        if (node.isTextual()) return node.textValue();
        if (node.isObject() && node.has("op")) {
            String op = operatorName(node, path);
            throw unsupportedOperator(op, op.toLowerCase(Locale.ROOT), path);
        }
        throw FilterException.invalid("at " + where(path) + ": the pattern of 'like' is a string, found " + kind(node));
    }

    private static List<Operand> inList(JsonNode node, String path) {
        if (!node.isArray()) throw FilterException.invalid("at " + where(path) + ": the list of 'in' is an array, found " + kind(node));
        List<Operand> list = new ArrayList<>();
        for (int i = 0; i < node.size(); i++) list.add(operand(node.get(i), path + "/" + i));
        return list;
    }

    private static Operand interval(JsonNode node, String path) {
        if (!node.isArray() || node.size() != 2) {
            throw FilterException.invalid("at " + where(path) + ": an interval is an array of two ends, found " + kind(node));
        }
        Operand start = intervalEnd(node.get(0), path + "/0");
        Operand end = intervalEnd(node.get(1), path + "/1");
        return build(path, () -> new Operand.IntervalLiteral(start, end));
    }

    private static Operand intervalEnd(JsonNode node, String path) {
        if (node.isTextual()) return build(path, () -> TemporalLiterals.intervalEnd(node.textValue()));
        if (node.isObject() && node.has("property")) return property(node, path);
        throw FilterException.invalid("at " + where(path) + ": an end of an interval is '..', a date, a timestamp or a "
                + "property, found " + kind(node));
    }

    private static Operand bbox(JsonNode node, String path) {
        if (!node.isArray()) throw FilterException.invalid("at " + where(path) + ": a bbox is an array of numbers, found " + kind(node));
        List<Double> values = new ArrayList<>();
        for (int i = 0; i < node.size(); i++) {
            if (!node.get(i).isNumber()) {
                throw FilterException.invalid("at " + where(path + "/" + i) + ": a bbox holds numbers, found " + kind(node.get(i)));
            }
            values.add(node.get(i).doubleValue());
        }
        return build(path, () -> new Operand.BboxLiteral(values));
    }

    private static GeometryLiteral geometry(JsonNode node, String path) {
        String type = text(node.get("type"), path + "/type");
        if (GeometryLiteral.COLLECTION.equals(type)) {
            JsonNode members = node.path("geometries");
            if (!members.isArray()) throw FilterException.invalid("at " + where(path) + ": a GeometryCollection needs a \"geometries\" array");
            List<GeometryLiteral> geometries = new ArrayList<>();
            for (int i = 0; i < members.size(); i++) geometries.add(geometry(members.get(i), path + "/geometries/" + i));
            return build(path, () -> GeometryLiteral.collection(geometries));
        }
        if (!node.has("coordinates")) throw FilterException.invalid("at " + where(path) + ": a " + type + " needs \"coordinates\"");
        Object coordinates = plain(node.get("coordinates"));
        return build(path, () -> GeometryLiteral.of(type, coordinates instanceof List<?> list ? list : List.of()));
    }

    /** JSON arrays as lists and numbers as Doubles; anything else stays as text for GeometryLiteral to reject. */
    private static Object plain(JsonNode node) {
        if (node.isNumber()) return node.doubleValue();
        if (!node.isArray()) return node.toString();
        List<Object> list = new ArrayList<>(node.size());
        node.forEach(element -> list.add(plain(element)));
        return list;
    }

    private static String operatorName(JsonNode node, String path) {
        return text(node.get("op"), path + "/op");
    }

    private static List<JsonNode> args(JsonNode node, String path) {
        JsonNode args = node.get("args");
        if (args == null || !args.isArray()) {
            throw FilterException.invalid("at " + where(path) + ": operator '" + node.get("op").asText() + "' needs an \"args\" array");
        }
        List<JsonNode> list = new ArrayList<>(args.size());
        args.forEach(list::add);
        return list;
    }

    private static void requireCount(List<JsonNode> args, int count, String op, String path) {
        if (args.size() != count) {
            throw FilterException.invalid("at " + where(path) + ": operator '" + op + "' takes " + count + " argument"
                    + (count == 1 ? "" : "s") + ", not " + args.size());
        }
    }

    private static String text(JsonNode node, String path) {
        if (node == null || !node.isTextual()) throw FilterException.invalid("at " + where(path) + ": expected a string, found " + kind(node));
        return node.textValue();
    }

    private static <T> T build(String path, Supplier<T> node) {
        try {
            return node.get();
        } catch (FilterException e) {
            throw e.at("at " + where(path));
        }
    }

    private static String argPath(String path, int index) {
        return path + "/args/" + index;
    }

    private static String where(String path) {
        return path.isEmpty() ? "/" : path;
    }

    private static String kind(JsonNode node) {
        if (node == null || node.isMissingNode()) return "nothing";
        if (node.isObject()) return "an object";
        if (node.isArray()) return "an array";
        if (node.isTextual()) return "the string \"" + node.textValue() + "\"";
        return node.getNodeType().toString().toLowerCase(Locale.ROOT) + " " + node;
    }
}
