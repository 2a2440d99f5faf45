package io.geoetl.store;

import java.time.OffsetDateTime;
import java.util.List;

/**
 * One page of an item search, as {@link StacRepository#search} runs it. Every list may be empty
 * and every other filter null (no restriction).
 *
 * @param bbox       minx, miny, maxx, maxy in EPSG:4326: items whose geometry intersects it
 * @param intersects a GeoJSON geometry: items whose geometry intersects it
 * @param start      items whose range ends at or after it
 * @param end        items whose range starts at or before it
 * @param filter     a condition on the items table (the filter extension), or null
 * @param sort       the sort keys; (collection, id) are appended as tie-breakers in the direction of the last key
 * @param after      keyset: the sort values (JSON, one per key incl. the tie-breakers) the page starts after, or null
 * @param inclusive  the page starts at {@code after} instead of after it
 * @param limit      rows to return at most
 */
public record StacQuery(List<String> collections, List<String> ids, double[] bbox, String intersects,
                        OffsetDateTime start, OffsetDateTime end, Condition filter, List<SortKey> sort,
                        List<String> after, boolean inclusive, int limit) {

    /** A sort key: id, collection, datetime, start_datetime, end_datetime, or an item property name. */
    public record SortKey(String field, boolean descending) {
        public SortKey reversed() {
            return new SortKey(field, !descending);
        }
    }

    /** An SQL condition on the columns of stac.items with its bound values. */
    public record Condition(String sql, List<Object> parameters) {}

    public StacQuery withKeyset(List<String> keys, boolean inclusiveStart) {
        return new StacQuery(collections, ids, bbox, intersects, start, end, filter, sort, keys, inclusiveStart, limit);
    }

    public StacQuery withSort(List<SortKey> keys) {
        return new StacQuery(collections, ids, bbox, intersects, start, end, filter, keys, after, inclusive, limit);
    }

    public StacQuery withLimit(int rows) {
        return new StacQuery(collections, ids, bbox, intersects, start, end, filter, sort, after, inclusive, rows);
    }
}
