package io.geoetl.store;

import java.time.OffsetDateTime;
import java.util.List;

/**
 * What a request for features of one table asks for: a bbox in CRS84 (minx, miny, maxx, maxy;
 * null for none), a time range on the table's time column (null for none) and equalities on
 * columns, each value already of its column's Java type.
 */
public record FeatureQuery(FeatureTable table, double[] bbox, TimeRange time, List<Equality> equalities) {

    public FeatureQuery {
        equalities = List.copyOf(equalities);
    }

    public static FeatureQuery all(FeatureTable table) {
        return new FeatureQuery(table, null, null, List.of());
    }

    public boolean filters() {
        return bbox != null || time != null || !equalities.isEmpty();
    }

    /** From {@code start} (inclusive, null = open) to {@code end} (null = open), exclusive or inclusive. */
    public record TimeRange(OffsetDateTime start, OffsetDateTime end, boolean endExclusive) {}

    /** {@code column = value}; value is a Boolean, Long, Float, Double, String, LocalDate, LocalTime or OffsetDateTime. */
    public record Equality(TableColumn column, Object value) {}
}
