package io.geoetl.store;

import io.geoetl.stac.filter.BooleanLiteral;
import io.geoetl.stac.filter.ComparisonOperator;
import io.geoetl.stac.filter.Condition;
import io.geoetl.stac.filter.FilterException;
import io.geoetl.stac.filter.GeometryLiteral;
import io.geoetl.stac.filter.Operand;
import io.geoetl.stac.filter.Queryables;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Translates a CQL2 filter into a WHERE condition over {@code stac.items} (collection, id, geometry,
 * datetime, start_datetime, end_datetime, properties jsonb). Values are always bound parameters; the
 * only names written into the SQL are columns and queryable names checked against a strict pattern.
 *
 * <p>Item properties are compared as jsonb ({@code properties -> 'p'} against {@code to_jsonb} of the
 * literal), so numbers compare as numbers and strings as text, and no cast can fail on odd data; an
 * ordering comparison also requires the value to be of the literal's JSON type. A btree index on
 * {@code ((properties -> 'p'))} serves =, <, <=, >, >=, BETWEEN, IN and ORDER BY on that property.
 */
public final class StacFilterSql {
    /** Queryable names written into the SQL as {@code properties -> 'name'}. */
    private static final Pattern PROPERTY_NAME = Pattern.compile("^[A-Za-z_:][A-Za-z0-9_:.\\-]{0,127}$");
    /** Item columns a property name maps to, by their kind. */
    private static final Map<String, Kind> COLUMNS = Map.of("id", Kind.TEXT, "collection", Kind.TEXT,
            "geometry", Kind.GEOMETRY, "datetime", Kind.TIMESTAMP, "start_datetime", Kind.TIMESTAMP,
            "end_datetime", Kind.TIMESTAMP);

    enum Kind { TEXT, TIMESTAMP, GEOMETRY, JSONB }

    /** Where a property lives: an item column, or a value inside {@code properties} ({@code textSql}: as text). */
    record Target(String name, Kind kind, String sql, String textSql) {
    }

    private final String prefix;
    private final StacTemporalSql temporal;

    private StacFilterSql(String prefix) {
        this.prefix = prefix;
        this.temporal = new StacTemporalSql(this);
    }

    /** The filter as a condition on unqualified {@code stac.items} columns. */
    public static SqlFragment where(Condition filter, Queryables queryables) {
        return translate(filter, queryables, "");
    }

    /** The filter as a condition on the columns of {@code tableAlias} (an alias of {@code stac.items}). */
    public static SqlFragment where(Condition filter, Queryables queryables, String tableAlias) {
        return translate(filter, queryables, Identifiers.quote(tableAlias) + ".");
    }

    private static SqlFragment translate(Condition filter, Queryables queryables, String prefix) {
        Condition resolved = queryables.resolve(filter);
        SqlFragment.Builder out = new SqlFragment.Builder();
        new StacFilterSql(prefix).condition(resolved, out);
        return out.build();
    }

    private void condition(Condition condition, SqlFragment.Builder out) {
        if (condition instanceof Condition.And and) {
            conjunction(and.args(), out);
        } else if (condition instanceof Condition.Or or) {
            joined(or.args(), " OR ", out);
        } else if (condition instanceof Condition.Not not) {
            out.sql("NOT (");
            condition(not.arg(), out);
            out.sql(")");
        } else if (condition instanceof BooleanLiteral literal) {
            out.sql(literal.value() ? "TRUE" : "FALSE");
        } else if (condition instanceof Condition.Comparison comparison) {
            Oriented oriented = oriented(comparison);
            compare(oriented.target(), oriented.operator(), oriented.literal(), false, out);
        } else if (condition instanceof Condition.In in) {
            in(in, out);
        } else if (condition instanceof Condition.Between between) {
            between(between, out);
        } else if (condition instanceof Condition.Like like) {
            like(like, out);
        } else if (condition instanceof Condition.IsNull isNull) {
            isNull(isNull, out);
        } else if (condition instanceof Condition.Spatial spatial) {
            StacSpatialSql.predicate(spatial, this, out);
        } else if (condition instanceof Condition.Temporal predicate) {
            temporal.predicate(predicate, out);
        }
    }

    private void joined(List<Condition> conditions, String operator, SqlFragment.Builder out) {
        out.sql("(");
        for (int i = 0; i < conditions.size(); i++) {
            if (i > 0) out.sql(operator);
            condition(conditions.get(i), out);
        }
        out.sql(")");
    }

    /**
     * The conditions joined by AND. A property compared from below and from above with values of one
     * JSON type ({@code p >= 10 AND p < 20}) is a closed range in jsonb order that holds only values of
     * that type, so those comparisons need no type check: the index range alone answers them.
     */
    private void conjunction(List<Condition> conditions, SqlFragment.Builder out) {
        Map<String, Set<Boolean>> directions = new HashMap<>();
        for (Condition condition : conditions) {
            String range = jsonRange(condition);
            if (range != null) directions.computeIfAbsent(range, key -> new HashSet<>()).add(upward(condition));
        }
        out.sql("(");
        for (int i = 0; i < conditions.size(); i++) {
            if (i > 0) out.sql(" AND ");
            Condition condition = conditions.get(i);
            String range = jsonRange(condition);
            if (range != null && directions.get(range).size() == 2) {
                Oriented oriented = oriented((Condition.Comparison) condition);
                compare(oriented.target(), oriented.operator(), oriented.literal(), true, out);
            } else {
                condition(condition, out);
            }
        }
        out.sql(")");
    }

    /** For an ordering comparison of a property value with a JSON literal: "property|type"; otherwise null. */
    private String jsonRange(Condition condition) {
        if (!(condition instanceof Condition.Comparison comparison)) return null;
        Oriented oriented = oriented(comparison);
        if (oriented.target().kind() != Kind.JSONB || !isOrdering(oriented.operator())) return null;
        return oriented.target().name() + "|" + JsonValue.of(oriented.literal()).type();
    }

    private boolean upward(Condition condition) {
        ComparisonOperator operator = oriented((Condition.Comparison) condition).operator();
        return operator == ComparisonOperator.GREATER || operator == ComparisonOperator.GREATER_OR_EQUAL;
    }

    private static boolean isOrdering(ComparisonOperator operator) {
        return operator != ComparisonOperator.EQUAL && operator != ComparisonOperator.NOT_EQUAL;
    }

    /** A comparison as {@code property op literal}, turned round when written the other way ({@code 5 < p}). */
    private record Oriented(Target target, ComparisonOperator operator, Operand literal) {
    }

    private Oriented oriented(Condition.Comparison comparison) {
        ComparisonOperator operator = comparison.operator();
        Operand left = comparison.left();
        Operand right = comparison.right();
        if (!(left instanceof Operand.Property) && right instanceof Operand.Property) {
            operator = operator.mirrored();
            left = comparison.right();
            right = comparison.left();
        }
        Target target = propertyTarget(left, "'" + operator.symbol() + "'");
        literalRequired(right, target, "'" + operator.symbol() + "'");
        return new Oriented(target, operator, right);
    }

    private void compare(Target target, ComparisonOperator operator, Operand literal, boolean typeBounded,
            SqlFragment.Builder out) {
        switch (target.kind()) {
            case TEXT -> out.sql(target.sql() + " " + operator.symbol() + " ").param(text(literal, target));
            case TIMESTAMP -> timestampComparison(target, operator, literal, out);
            case JSONB -> jsonbComparison(target, operator, literal, typeBounded, out);
            case GEOMETRY -> throw mismatch(target.name() + " is a geometry: use s_intersects and the other spatial predicates");
        }
    }

    /** A date stands for its whole UTC day: {@code datetime = DATE('2020-01-01')} is any time that day. */
    private void timestampComparison(Target target, ComparisonOperator operator, Operand literal, SqlFragment.Builder out) {
        String column = target.sql();
        if (literal instanceof Operand.TimestampLiteral timestamp) {
            out.sql(column + " " + operator.symbol() + " ").param(OffsetDateTime.ofInstant(timestamp.value(), ZoneOffset.UTC));
            return;
        }
        if (!(literal instanceof Operand.DateLiteral date)) {
            throw mismatch(target.name() + " is a timestamp; it cannot be compared with the " + literal.describe());
        }
        OffsetDateTime dayStart = startOfDay(date.value());
        OffsetDateTime nextDay = startOfDay(date.value().plusDays(1));
        switch (operator) {
            case EQUAL -> out.sql("(" + column + " >= ").param(dayStart).sql(" AND " + column + " < ").param(nextDay).sql(")");
            case NOT_EQUAL -> out.sql("(" + column + " < ").param(dayStart).sql(" OR " + column + " >= ").param(nextDay).sql(")");
            case LESS -> out.sql(column + " < ").param(dayStart);
            case LESS_OR_EQUAL -> out.sql(column + " < ").param(nextDay);
            case GREATER -> out.sql(column + " >= ").param(nextDay);
            case GREATER_OR_EQUAL -> out.sql(column + " >= ").param(dayStart);
        }
    }

    /**
     * {@code properties -> 'p' op to_jsonb(literal)}. jsonb orders values of different JSON types by type
     * (null < string < number < boolean < array < object), so an ordering comparison must also keep out
     * values of other types. Where the order itself bounds the type, that is one more range condition on
     * the same expression (numbers above 10: below {@code false}; strings below 'm': above {@code null}),
     * which a btree index on the expression serves and the planner estimates from its statistics;
     * otherwise {@code jsonb_typeof} checks it.
     */
    private void jsonbComparison(Target target, ComparisonOperator operator, Operand literal, boolean typeBounded,
            SqlFragment.Builder out) {
        JsonValue value = JsonValue.of(literal);
        out.sql("(");
        if (isOrdering(operator) && !typeBounded) typeGuard(target, operator, value.type(), out);
        out.sql(target.sql() + " " + operator.symbol() + " ");
        value.append(out);
        out.sql(")");
    }

    /** Keeps values of other JSON types out of an ordering comparison with a value of {@code type}. */
    private static void typeGuard(Target target, ComparisonOperator operator, String type, SqlFragment.Builder out) {
        boolean upward = operator == ComparisonOperator.GREATER || operator == ComparisonOperator.GREATER_OR_EQUAL;
        if (upward && type.equals("number")) {
            out.sql(target.sql() + " < 'false'::jsonb AND ");
        } else if (!upward && type.equals("string")) {
            out.sql(target.sql() + " > 'null'::jsonb AND ");
        } else {
            out.sql("jsonb_typeof(" + target.sql() + ") = '" + type + "' AND ");
        }
    }

    private void in(Condition.In in, SqlFragment.Builder out) {
        Target target = propertyTarget(in.value(), "'in'");
        in.list().forEach(item -> literalRequired(item, target, "'in'"));
        if (target.kind() == Kind.TIMESTAMP || target.kind() == Kind.GEOMETRY) {
            joined(in.list().stream().<Condition>map(item -> new Condition.Comparison(ComparisonOperator.EQUAL,
                    new Operand.Property(target.name()), item)).toList(), " OR ", out);
            return;
        }
        out.sql(target.sql() + " IN (");
        for (int i = 0; i < in.list().size(); i++) {
            if (i > 0) out.sql(", ");
            if (target.kind() == Kind.TEXT) out.param(text(in.list().get(i), target));
            else JsonValue.of(in.list().get(i)).append(out);
        }
        out.sql(")");
    }

    private void between(Condition.Between between, SqlFragment.Builder out) {
        Target target = propertyTarget(between.value(), "'between'");
        literalRequired(between.low(), target, "'between'");
        literalRequired(between.high(), target, "'between'");
        if (target.kind() != Kind.JSONB) {
            out.sql("(");
            compare(target, ComparisonOperator.GREATER_OR_EQUAL, between.low(), false, out);
            out.sql(" AND ");
            compare(target, ComparisonOperator.LESS_OR_EQUAL, between.high(), false, out);
            out.sql(")");
            return;
        }
        JsonValue low = JsonValue.of(between.low());
        JsonValue high = JsonValue.of(between.high());
        if (!low.type().equals(high.type())) {
            throw mismatch("'between' needs two ends of one kind, not the " + between.low().describe() + " and the "
                    + between.high().describe());
        }
        // Both ends of one JSON type: every value between them in jsonb order is of that type too.
        out.sql("(" + target.sql() + " BETWEEN ");
        low.append(out);
        out.sql(" AND ");
        high.append(out);
        out.sql(")");
    }

    private void like(Condition.Like like, SqlFragment.Builder out) {
        Target target = propertyTarget(like.value(), "'like'");
        switch (target.kind()) {
            case TEXT -> out.sql(target.sql() + " LIKE ").param(like.pattern());
            case JSONB -> out.sql(target.textSql() + " LIKE ").param(like.pattern());
            default -> throw mismatch("'like' matches strings, and " + target.name() + " is not one");
        }
    }

    /** A JSON null counts as null, like a missing property. */
    private void isNull(Condition.IsNull isNull, SqlFragment.Builder out) {
        Target target = propertyTarget(isNull.value(), "'isNull'");
        if (target.kind() == Kind.JSONB) out.sql("coalesce(jsonb_typeof(" + target.sql() + "), 'null') = 'null'");
        else out.sql(target.sql() + " IS NULL");
    }

    /** An item column, qualified with the table alias when there is one. */
    String column(String name) {
        return prefix + Identifiers.quote(name);
    }

    /** The target of an operand that must be a property (a queryable the resolver has checked). */
    Target propertyTarget(Operand operand, String operator) {
        if (!(operand instanceof Operand.Property property)) {
            throw FilterException.unsupported(operator + " needs a property to test, not the " + operand.describe());
        }
        Kind column = COLUMNS.get(property.name());
        if (column != null) {
            String sql = column(property.name());
            return new Target(property.name(), column, sql, sql);
        }
        if (!PROPERTY_NAME.matcher(property.name()).matches()) {
            throw FilterException.unsupported("the queryable '" + property.name() + "' cannot be used in a filter: its name "
                    + "has characters other than letters, digits, '_', ':', '.' and '-'");
        }
        String properties = column("properties");
        return new Target(property.name(), Kind.JSONB, properties + " -> '" + property.name() + "'",
                properties + " ->> '" + property.name() + "'");
    }

    private static void literalRequired(Operand operand, Target target, String operator) {
        if (operand instanceof Operand.Property other) {
            throw FilterException.unsupported(operator + " compares a property with a value; comparing two properties ("
                    + target.name() + " and " + other.name() + ") is not supported");
        }
    }

    private static String text(Operand literal, Target target) {
        if (literal instanceof Operand.StringLiteral string) return string.value();
        throw mismatch(target.name() + " is a string; it cannot be compared with the " + literal.describe());
    }

    static OffsetDateTime startOfDay(LocalDate day) {
        return day.atStartOfDay().atOffset(ZoneOffset.UTC);
    }

    static FilterException mismatch(String message) {
        return new FilterException(FilterException.Kind.TYPE_MISMATCH, message);
    }

    /** A literal as jsonb: {@code to_jsonb(?::numeric)} and so on, with its JSON type. */
    private record JsonValue(String type, String cast, Object value) {
        static JsonValue of(Operand literal) {
            if (literal instanceof Operand.NumberLiteral number) return new JsonValue("number", "numeric", number.value());
            if (literal instanceof Operand.StringLiteral string) return new JsonValue("string", "text", string.value());
            if (literal instanceof BooleanLiteral bool) return new JsonValue("boolean", "boolean", bool.value());
            if (literal instanceof Operand.TimestampLiteral timestamp) {
                return new JsonValue("string", "text", timestamp.value().toString());
            }
            if (literal instanceof Operand.DateLiteral date) return new JsonValue("string", "text", date.value().toString());
            if (literal instanceof GeometryLiteral geometry) {
                throw mismatch("a property value cannot be compared with a geometry; use the spatial predicates");
            }
            throw mismatch("a property value cannot be compared with the " + literal.describe());
        }

        void append(SqlFragment.Builder out) {
            out.sql("to_jsonb(").param(value).sql("::" + cast + ")");
        }
    }
}
