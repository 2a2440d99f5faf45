package io.geoetl.stac.filter;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;

/** A value a CQL2 predicate works on: a property of the item, or a literal. */
public sealed interface Operand permits Operand.Property, Operand.StringLiteral, Operand.NumberLiteral, BooleanLiteral,
        Operand.TimestampLiteral, Operand.DateLiteral, Operand.IntervalLiteral, Operand.OpenEnd, GeometryLiteral,
        Operand.BboxLiteral {

    /** How the operand reads in an error message. */
    String describe();

    /** A property of the item ({@code eo:cloud_cover}, {@code "id"}, {@code {"property": "datetime"}}). */
    record Property(String name) implements Operand {
        public Property {
            if (name == null || name.isBlank()) throw FilterException.invalid("a property name is empty");
        }

        @Override
        public String describe() {
            return "property '" + name + "'";
        }
    }

    record StringLiteral(String value) implements Operand {
        public StringLiteral {
            Objects.requireNonNull(value);
        }

        @Override
        public String describe() {
            return "string '" + value + "'";
        }
    }

    /** A number; kept without trailing zeros so {@code 28}, {@code 28.0} and {@code 2.8E1} are the same literal. */
    record NumberLiteral(BigDecimal value) implements Operand {
        public NumberLiteral {
            value = value.signum() == 0 ? BigDecimal.ZERO : value.stripTrailingZeros();
        }

        @Override
        public String describe() {
            return "number " + value.toPlainString();
        }
    }

    /** {@code TIMESTAMP('2020-01-01T00:00:00Z')} or {@code {"timestamp": "…"}}. */
    record TimestampLiteral(Instant value) implements Operand {
        public TimestampLiteral {
            Objects.requireNonNull(value);
        }

        @Override
        public String describe() {
            return "timestamp " + value;
        }
    }

    /** {@code DATE('2020-01-01')}: the whole UTC day. */
    record DateLiteral(LocalDate value) implements Operand {
        public DateLiteral {
            Objects.requireNonNull(value);
        }

        @Override
        public String describe() {
            return "date " + value;
        }
    }

    /** The open end {@code '..'} of an interval. */
    record OpenEnd() implements Operand {
        @Override
        public String describe() {
            return "'..'";
        }
    }

    /** {@code INTERVAL(start, end)}: each end a timestamp, a date, a property or {@code '..'}. */
    record IntervalLiteral(Operand start, Operand end) implements Operand {
        public IntervalLiteral {
            requireBound(start);
            requireBound(end);
        }

        private static void requireBound(Operand bound) {
            if (!(bound instanceof TimestampLiteral || bound instanceof DateLiteral || bound instanceof OpenEnd
                    || bound instanceof Property)) {
                throw FilterException.invalid("an interval ends with a timestamp, a date, a property or '..', not the "
                        + bound.describe());
            }
        }

        @Override
        public String describe() {
            return "interval from " + start.describe() + " to " + end.describe();
        }
    }

    /** {@code BBOX(west, south, east, north)} or with elevations {@code BBOX(w, s, min, e, n, max)}. */
    record BboxLiteral(List<Double> values) implements Operand {
        public BboxLiteral {
            values = List.copyOf(values);
            if (values.size() != 4 && values.size() != 6) {
                throw FilterException.invalid("a bbox has 4 or 6 numbers, not " + values.size());
            }
            int half = values.size() / 2;
            if (values.get(1) > values.get(half + 1)) {
                throw FilterException.invalid("a bbox's south edge " + values.get(1) + " lies north of its north edge "
                        + values.get(half + 1));
            }
        }

        public double west() {
            return values.get(0);
        }

        public double south() {
            return values.get(1);
        }

        public double east() {
            return values.get(values.size() / 2);
        }

        public double north() {
            return values.get(values.size() / 2 + 1);
        }

        @Override
        public String describe() {
            return "bbox " + values;
        }
    }
}
