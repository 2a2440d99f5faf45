package io.geoetl.store;

import io.geoetl.stac.filter.Condition;
import io.geoetl.stac.filter.FilterException;
import io.geoetl.stac.filter.Operand;
import io.geoetl.stac.filter.TemporalOperator;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/**
 * The temporal predicates over closed intervals (OWL-Time relations, as CQL2 defines them). An item's
 * time is [coalesce(start_datetime, datetime), coalesce(end_datetime, datetime)]; a timestamp is an
 * interval of one instant, a date its whole UTC day, and {@code '..'} an open end. Comparisons with an
 * open end are settled here rather than sent to the database, so an open-ended interval adds no condition.
 */
final class StacTemporalSql {
    /** One end of an interval: SQL for a finite instant, or minus/plus infinity. */
    private record Bound(SqlFragment sql, int infinity) {
        static final Bound MINUS_INFINITY = new Bound(null, -1);
        static final Bound PLUS_INFINITY = new Bound(null, 1);

        static Bound of(String sql) {
            return new Bound(new SqlFragment(sql, List.of()), 0);
        }

        static Bound of(OffsetDateTime instant) {
            return new Bound(new SqlFragment("?", List.of(instant)), 0);
        }
    }

    private record Interval(Bound start, Bound end) {
    }

    /** A term of a conjunction or disjunction: SQL, or (when sql is null) a truth value known without the database. */
    private record Term(SqlFragment sql, boolean value) {
        static Term known(boolean value) {
            return new Term(null, value);
        }
    }

    private final StacFilterSql filter;

    StacTemporalSql(StacFilterSql filter) {
        this.filter = filter;
    }

    void predicate(Condition.Temporal predicate, SqlFragment.Builder out) {
        Interval a = interval(predicate.left(), predicate.operator());
        Interval b = interval(predicate.right(), predicate.operator());
        switch (predicate.operator()) {
            case AFTER -> all(out, less(b.end(), a.start()));
            case BEFORE -> all(out, less(a.end(), b.start()));
            case CONTAINS -> all(out, less(a.start(), b.start()), less(b.end(), a.end()));
            case DISJOINT -> any(out, less(a.end(), b.start()), less(b.end(), a.start()));
            case DURING -> all(out, less(b.start(), a.start()), less(a.end(), b.end()));
            case EQUALS -> all(out, equal(a.start(), b.start()), equal(a.end(), b.end()));
            case FINISHED_BY -> all(out, less(a.start(), b.start()), equal(a.end(), b.end()));
            case FINISHES -> all(out, less(b.start(), a.start()), equal(a.end(), b.end()));
            case INTERSECTS -> all(out, lessOrEqual(a.start(), b.end()), lessOrEqual(b.start(), a.end()));
            case MEETS -> all(out, equal(a.end(), b.start()));
            case MET_BY -> all(out, equal(a.start(), b.end()));
            case OVERLAPPED_BY -> all(out, less(b.start(), a.start()), less(a.start(), b.end()), less(b.end(), a.end()));
            case OVERLAPS -> all(out, less(a.start(), b.start()), less(b.start(), a.end()), less(a.end(), b.end()));
            case STARTED_BY -> all(out, equal(a.start(), b.start()), less(b.end(), a.end()));
            case STARTS -> all(out, equal(a.start(), b.start()), less(a.end(), b.end()));
        }
    }

    private Interval interval(Operand operand, TemporalOperator operator) {
        if (operand instanceof Operand.IntervalLiteral interval) {
            return new Interval(start(interval.start(), operator), end(interval.end(), operator));
        }
        return new Interval(start(operand, operator), end(operand, operator));
    }

    private Bound start(Operand operand, TemporalOperator operator) {
        if (operand instanceof Operand.OpenEnd) return Bound.MINUS_INFINITY;
        if (operand instanceof Operand.TimestampLiteral timestamp) return Bound.of(utc(timestamp));
        if (operand instanceof Operand.DateLiteral date) return Bound.of(StacFilterSql.startOfDay(date.value()));
        return Bound.of(column(operand, operator, "start_datetime"));
    }

    private Bound end(Operand operand, TemporalOperator operator) {
        if (operand instanceof Operand.OpenEnd) return Bound.PLUS_INFINITY;
        if (operand instanceof Operand.TimestampLiteral timestamp) return Bound.of(utc(timestamp));
        if (operand instanceof Operand.DateLiteral date) {
            return Bound.of(StacFilterSql.startOfDay(date.value().plusDays(1)).minus(1, ChronoUnit.MICROS));
        }
        return Bound.of(column(operand, operator, "end_datetime"));
    }

    /** A temporal property's SQL; {@code datetime} stands for the item's range, so its start or end column. */
    private String column(Operand operand, TemporalOperator operator, String rangeColumn) {
        StacFilterSql.Target target = filter.propertyTarget(operand, "'" + operator.cqlName() + "'");
        if (target.kind() != StacFilterSql.Kind.TIMESTAMP) {
            throw FilterException.unsupported("'" + operator.cqlName() + "' works on datetime, start_datetime and "
                    + "end_datetime; " + target.name() + " is not one of them");
        }
        if (!target.name().equals("datetime")) return target.sql();
        return "coalesce(" + filter.column(rangeColumn) + ", " + target.sql() + ")";
    }

    private static Term less(Bound x, Bound y) {
        if (x.infinity() != 0 || y.infinity() != 0) return unbounded(x, y, x.infinity() < y.infinity());
        return compare(x, "<", y);
    }

    private static Term lessOrEqual(Bound x, Bound y) {
        if (x.infinity() != 0 || y.infinity() != 0) return unbounded(x, y, x.infinity() <= y.infinity());
        return compare(x, "<=", y);
    }

    private static Term equal(Bound x, Bound y) {
        if (x.infinity() != 0 || y.infinity() != 0) return unbounded(x, y, x.infinity() == y.infinity());
        return compare(x, "=", y);
    }

    /**
     * A comparison with an open end, settled by the infinities ({@code holds}); it still needs the other
     * end to be known, so an item without any time matches no temporal predicate.
     */
    private static Term unbounded(Bound x, Bound y, boolean holds) {
        Bound finite = x.infinity() == 0 ? x : y.infinity() == 0 ? y : null;
        if (!holds || finite == null || !finite.sql().params().isEmpty()) return Term.known(holds);
        return new Term(new SqlFragment(finite.sql().sql() + " IS NOT NULL", List.of()), false);
    }

    private static Term compare(Bound x, String operator, Bound y) {
        return new Term(new SqlFragment.Builder().fragment(x.sql()).sql(" " + operator + " ").fragment(y.sql()).build(), false);
    }

    /** The conjunction: FALSE if a term is known false, TRUE if all are known true. */
    private static void all(SqlFragment.Builder out, Term... terms) {
        combine(out, " AND ", false, terms);
    }

    /** The disjunction: TRUE if a term is known true, FALSE if all are known false. */
    private static void any(SqlFragment.Builder out, Term... terms) {
        combine(out, " OR ", true, terms);
    }

    private static void combine(SqlFragment.Builder out, String operator, boolean decisive, Term... terms) {
        List<SqlFragment> open = new ArrayList<>();
        for (Term term : terms) {
            if (term.sql() != null) open.add(term.sql());
            else if (term.value() == decisive) {
                out.sql(decisive ? "TRUE" : "FALSE");
                return;
            }
        }
        if (open.isEmpty()) {
            out.sql(decisive ? "FALSE" : "TRUE");
            return;
        }
        out.sql("(");
        for (int i = 0; i < open.size(); i++) {
            if (i > 0) out.sql(operator);
            out.fragment(open.get(i));
        }
        out.sql(")");
    }

    private static OffsetDateTime utc(Operand.TimestampLiteral timestamp) {
        return OffsetDateTime.ofInstant(timestamp.value(), ZoneOffset.UTC);
    }
}
