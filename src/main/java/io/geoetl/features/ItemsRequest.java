package io.geoetl.features;

import io.geoetl.http.support.ApiException;
import io.geoetl.store.FeatureQuery;
import io.geoetl.store.FeatureTable;
import io.geoetl.store.TableColumn;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The query of {@code /collections/{id}/items}: limit, bbox, datetime, the keyset position
 * {@code after} (the last key of the previous page, as the next link carries it) and
 * {@code column=value} equalities on the table's catalogued columns. Anything else is a 400.
 */
record ItemsRequest(FeatureQuery query, int limit, Long after) {
    static final String LIMIT = "limit";
    static final String BBOX = "bbox";
    static final String BBOX_CRS = "bbox-crs";
    static final String DATETIME = "datetime";
    static final String AFTER = "after";
    static final String FORMAT = "f";
    private static final Set<String> CRS84 = Set.of("http://www.opengis.net/def/crs/OGC/1.3/CRS84", "CRS84", "EPSG:4326");
    private static final Set<String> JSON_FORMATS = Set.of("json", "geojson", "application/geo+json", "application/json");

    static ItemsRequest parse(FeatureTable table, Map<String, String> parameters, int defaultLimit, int maxLimit) {
        int limit = defaultLimit;
        double[] bbox = null;
        FeatureQuery.TimeRange time = null;
        Long after = null;
        List<FeatureQuery.Equality> equalities = new ArrayList<>();
        for (Map.Entry<String, String> parameter : parameters.entrySet()) {
            String name = parameter.getKey();
            String value = parameter.getValue();
            switch (name) {
                case LIMIT -> limit = limit(value, maxLimit);
                case BBOX -> bbox = Bbox.parse(value);
                case BBOX_CRS -> requireCrs84(value);
                case DATETIME -> time = datetime(table, value);
                case AFTER -> after = after(value);
                case FORMAT -> requireJson(value);
                default -> equalities.add(equality(table, name, value));
            }
        }
        return new ItemsRequest(new FeatureQuery(table, bbox, time, equalities), limit, after);
    }

    private static int limit(String value, int max) {
        try {
            int limit = Integer.parseInt(value.trim());
            if (limit >= 1 && limit <= max) return limit;
        } catch (NumberFormatException e) {
            // answered below
        }
        throw new ApiException(400, "invalid_query", "limit must be an integer between 1 and " + max + ", got '" + value + "'");
    }

    private static void requireCrs84(String value) {
        if (!CRS84.contains(value.trim())) {
            throw new ApiException(400, "invalid_query", "bbox-crs: only CRS84 (http://www.opengis.net/def/crs/OGC/1.3/CRS84) is supported, got '"
                    + value + "'");
        }
    }

    private static void requireJson(String value) {
        if (!JSON_FORMATS.contains(value.trim().toLowerCase())) {
            throw new ApiException(400, "invalid_query", "f: only json (GeoJSON) is served, got '" + value + "'");
        }
    }

    private static FeatureQuery.TimeRange datetime(FeatureTable table, String value) {
        if (table.time().isEmpty()) {
            throw new ApiException(400, "no_time_column", "collection " + CollectionIds.of(table)
                    + " has no time column, so datetime cannot filter it (ingest it with time_column to have one)");
        }
        return Datetime.parse(value);
    }

    private static Long after(String value) {
        try {
            return Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            throw new ApiException(400, "invalid_query", "after must be the key of a feature (an integer), got '" + value + "'");
        }
    }

    private static FeatureQuery.Equality equality(FeatureTable table, String name, String value) {
        TableColumn column = table.column(name).orElseThrow(() -> new ApiException(400, "unknown_filter_column",
                "'" + name + "' is neither a parameter (limit, bbox, bbox-crs, datetime, after, f) nor a column of collection "
                        + CollectionIds.of(table) + "; its columns: " + columnNames(table)));
        return new FeatureQuery.Equality(column, ColumnValues.parse(column, value));
    }

    private static String columnNames(FeatureTable table) {
        List<String> names = new ArrayList<>();
        names.add(FeatureTable.KEY);
        table.attributes().forEach(c -> names.add(c.name()));
        return String.join(", ", names);
    }
}
