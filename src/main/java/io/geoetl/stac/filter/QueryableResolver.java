package io.geoetl.stac.filter;

import io.geoetl.stac.filter.Queryables.Type;

/**
 * Checks a filter against the queryables and returns it ready to translate: every property a known
 * queryable under its own name, every literal of a kind its property can hold (a string compared with
 * a timestamp property becomes a timestamp or date literal).
 */
final class QueryableResolver {
    private final Queryables queryables;

    QueryableResolver(Queryables queryables) {
        this.queryables = queryables;
    }

    Condition resolve(Condition condition) {
        if (condition instanceof Condition.And and) {
            return new Condition.And(and.args().stream().map(this::resolve).toList());
        }
        if (condition instanceof Condition.Or or) return new Condition.Or(or.args().stream().map(this::resolve).toList());
        if (condition instanceof Condition.Not not) return new Condition.Not(resolve(not.arg()));
        if (condition instanceof Condition.Comparison comparison) return comparison(comparison);
        if (condition instanceof Condition.In in) {
            Operand value = property(in.value());
            return new Condition.In(value, in.list().stream().map(item -> scalar(item, value, "in")).toList());
        }
        if (condition instanceof Condition.Between between) {
            Operand value = property(between.value());
            return new Condition.Between(value, scalar(between.low(), value, "between"),
                    scalar(between.high(), value, "between"));
        }
        if (condition instanceof Condition.Like like) return new Condition.Like(likeOperand(like.value()), like.pattern());
        if (condition instanceof Condition.IsNull isNull) return new Condition.IsNull(property(isNull.value()));
        if (condition instanceof Condition.Spatial spatial) {
            return new Condition.Spatial(spatial.operator(), spatial(spatial.left(), spatial.operator()),
                    spatial(spatial.right(), spatial.operator()));
        }
        if (condition instanceof Condition.Temporal temporal) {
            return new Condition.Temporal(temporal.operator(), temporal(temporal.left(), temporal.operator()),
                    temporal(temporal.right(), temporal.operator()));
        }
        return condition;
    }

    private Condition comparison(Condition.Comparison comparison) {
        Operand left = property(comparison.left());
        Operand right = property(comparison.right());
        String symbol = comparison.operator().symbol();
        return new Condition.Comparison(comparison.operator(), scalar(left, right, symbol), scalar(right, left, symbol));
    }

    /** A property under its queryable name; any other operand as it is. */
    private Operand property(Operand operand) {
        if (!(operand instanceof Operand.Property property)) return operand;
        queryables.require(property.name());
        return new Operand.Property(queryables.canonicalName(property.name()));
    }

    /** {@code literal} as a value {@code other} (when a property) can be compared with. */
    private Operand scalar(Operand literal, Operand other, String operator) {
        if (literal instanceof Operand.Property || !(other instanceof Operand.Property property)) return property(literal);
        Type type = queryables.require(property.name());
        boolean fits = switch (type) {
            case STRING -> literal instanceof Operand.StringLiteral;
            case NUMBER, INTEGER -> literal instanceof Operand.NumberLiteral;
            case BOOLEAN -> literal instanceof BooleanLiteral;
            case TIMESTAMP -> literal instanceof Operand.TimestampLiteral || literal instanceof Operand.DateLiteral
                    || literal instanceof Operand.StringLiteral;
            case GEOMETRY -> false;
            case ARRAY, OBJECT, ANY -> true;
        };
        if (!fits) {
            throw mismatch(property.name() + " is " + type.describe() + ", so '" + operator + "' cannot compare it with the "
                    + literal.describe() + (type == Type.GEOMETRY ? " (use s_intersects and the other spatial predicates)" : ""));
        }
        if (type == Type.TIMESTAMP && literal instanceof Operand.StringLiteral text) {
            Operand instant = TemporalLiterals.intervalEnd(text.value());
            if (instant instanceof Operand.OpenEnd) throw mismatch("'..' is only an end of an INTERVAL");
            return instant;
        }
        return literal;
    }

    private Operand likeOperand(Operand operand) {
        Operand resolved = property(operand);
        if (resolved instanceof Operand.Property property) {
            Type type = queryables.require(property.name());
            if (type != Type.STRING && type != Type.ANY) {
                throw mismatch("'like' matches strings, and " + property.name() + " is " + type.describe());
            }
        }
        return resolved;
    }

    private Operand spatial(Operand operand, SpatialOperator operator) {
        Operand resolved = property(operand);
        if (resolved instanceof Operand.Property property && queryables.require(property.name()) != Type.GEOMETRY) {
            throw mismatch("'" + operator.cqlName() + "' needs a geometry, and " + property.name() + " is "
                    + queryables.require(property.name()).describe());
        }
        return resolved;
    }

    private Operand temporal(Operand operand, TemporalOperator operator) {
        if (operand instanceof Operand.IntervalLiteral interval) {
            return new Operand.IntervalLiteral(temporal(interval.start(), operator), temporal(interval.end(), operator));
        }
        Operand resolved = property(operand);
        if (resolved instanceof Operand.Property property && queryables.require(property.name()) != Type.TIMESTAMP) {
            throw mismatch("'" + operator.cqlName() + "' needs a timestamp, and " + property.name() + " is "
                    + queryables.require(property.name()).describe());
        }
        return resolved;
    }

    private static FilterException mismatch(String message) {
        return new FilterException(FilterException.Kind.TYPE_MISMATCH, message);
    }
}
