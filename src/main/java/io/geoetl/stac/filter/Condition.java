package io.geoetl.stac.filter;

import java.util.List;

/**
 * A parsed CQL2 filter: a tree of conditions over {@link Operand}s, the same whether it came from
 * CQL2-text or CQL2-JSON. The records check that each predicate gets operands of a kind it can take
 * (a spatial predicate gets geometries, a comparison gets scalars), so both encodings reject the same things.
 */
public sealed interface Condition permits Condition.And, Condition.Or, Condition.Not, Condition.Comparison,
        Condition.Like, Condition.In, Condition.Between, Condition.IsNull, Condition.Spatial, Condition.Temporal,
        BooleanLiteral {

    record And(List<Condition> args) implements Condition {
        public And {
            args = List.copyOf(args);
            if (args.isEmpty()) throw FilterException.invalid("'and' needs at least one condition");
        }
    }

    record Or(List<Condition> args) implements Condition {
        public Or {
            args = List.copyOf(args);
            if (args.isEmpty()) throw FilterException.invalid("'or' needs at least one condition");
        }
    }

    record Not(Condition arg) implements Condition {
    }

    /** {@code left op right}, e.g. {@code eo:cloud_cover < 10}. */
    record Comparison(ComparisonOperator operator, Operand left, Operand right) implements Condition {
        public Comparison {
            requireScalar(left, operator.symbol());
            requireScalar(right, operator.symbol());
        }
    }

    /** {@code value LIKE pattern}: {@code %} any run of characters, {@code _} one character, {@code \} escapes. */
    record Like(Operand value, String pattern) implements Condition {
        public Like {
            if (!(value instanceof Operand.Property || value instanceof Operand.StringLiteral)) {
                throw FilterException.invalid("'like' tests a property or a string, not the " + value.describe());
            }
        }
    }

    /** {@code value IN (v1, v2, …)}. */
    record In(Operand value, List<Operand> list) implements Condition {
        public In {
            requireScalar(value, "in");
            list = List.copyOf(list);
            if (list.isEmpty()) throw FilterException.invalid("'in' needs at least one value in its list");
            list.forEach(item -> requireScalar(item, "in"));
        }
    }

    /** {@code value BETWEEN low AND high}, both ends included. */
    record Between(Operand value, Operand low, Operand high) implements Condition {
        public Between {
            requireScalar(value, "between");
            requireScalar(low, "between");
            requireScalar(high, "between");
        }
    }

    record IsNull(Operand value) implements Condition {
    }

    /** {@code s_intersects(a, b)} and the other spatial predicates. */
    record Spatial(SpatialOperator operator, Operand left, Operand right) implements Condition {
        public Spatial {
            requireSpatial(left, operator);
            requireSpatial(right, operator);
        }

        private static void requireSpatial(Operand operand, SpatialOperator operator) {
            if (!(operand instanceof Operand.Property || operand instanceof GeometryLiteral
                    || operand instanceof Operand.BboxLiteral)) {
                throw FilterException.invalid("'" + operator.cqlName() + "' takes a geometry property, a geometry or a "
                        + "bbox, not the " + operand.describe());
            }
        }
    }

    /** {@code t_intersects(a, b)} and the other temporal predicates. */
    record Temporal(TemporalOperator operator, Operand left, Operand right) implements Condition {
        public Temporal {
            requireTemporal(left, operator);
            requireTemporal(right, operator);
        }

        private static void requireTemporal(Operand operand, TemporalOperator operator) {
            if (!(operand instanceof Operand.Property || operand instanceof Operand.TimestampLiteral
                    || operand instanceof Operand.DateLiteral || operand instanceof Operand.IntervalLiteral)) {
                throw FilterException.invalid("'" + operator.cqlName() + "' takes a temporal property, a timestamp, "
                        + "a date or an interval, not the " + operand.describe());
            }
        }
    }

    private static void requireScalar(Operand operand, String operator) {
        if (operand instanceof GeometryLiteral || operand instanceof Operand.BboxLiteral
                || operand instanceof Operand.IntervalLiteral || operand instanceof Operand.OpenEnd) {
            throw FilterException.invalid("'" + operator + "' compares single values, not the " + operand.describe()
                    + (operand instanceof Operand.IntervalLiteral ? " (use t_intersects and the other temporal predicates)"
                            : " (use s_intersects and the other spatial predicates)"));
        }
    }
}
