package io.geoetl.store;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The SQL pieces of one {@link FeatureQuery}: the quoted table (alias {@code t}), the filter with
 * its bound parameters, and the expression that writes a row as a GeoJSON Feature in CRS84.
 */
final class FeatureSql {
    static final String KEY = VectorTableRepository.ID;
    static final String GEOMETRY = VectorTableRepository.GEOMETRY;
    private static final int CRS84_SRID = 4326;
    /** Degrees between added vertices when a CRS84 box is reprojected, so its edges follow the curves they become. */
    private static final double DENSIFY_DEGREES = 0.25;
    private final FeatureQuery query;
    private final List<Object> parameters = new ArrayList<>();
    private final String where;

    FeatureSql(FeatureQuery query) {
        this.query = query;
        this.where = buildWhere();
    }

    String from() {
        return Identifiers.qualified(query.table().schema(), query.table().table()) + " t";
    }

    String where() {
        return where;
    }

    List<Object> parameters() {
        return parameters;
    }

    /** {"type":"Feature","id":…,"geometry":…,"properties":{…}} as text, properties in column order. */
    String featureJson() {
        String properties = query.table().attributes().isEmpty() ? "'{}'::json"
                : "(select to_json(p) from (select " + query.table().attributes().stream()
                        .map(c -> "t." + Identifiers.quote(c.name())).collect(Collectors.joining(", ")) + ") p)";
        return "json_build_object('type', 'Feature', 'id', t." + KEY + ", 'geometry', st_asgeojson(st_transform(t." + GEOMETRY + ", "
                + CRS84_SRID + "), 9)::json, 'properties', " + properties + ")::text";
    }

    private String buildWhere() {
        List<String> conditions = new ArrayList<>();
        conditions.add("true");
        if (query.bbox() != null) conditions.add(bbox(query.bbox()));
        if (query.time() != null) conditions.addAll(time(query.time()));
        for (FeatureQuery.Equality equality : query.equalities()) {
            conditions.add("t." + Identifiers.quote(equality.column().name()) + " = ?");
            parameters.add(equality.value());
        }
        return String.join(" and ", conditions);
    }

    /**
     * Features whose geometry meets the CRS84 box. For other SRIDs the box is first cut to the
     * table's own extent (a little enlarged), since a box reaching the poles has no image in, say,
     * Web Mercator; the cut box is reprojected once (an InitPlan), so the GiST index still serves.
     */
    private String bbox(double[] box) {
        FeatureTable table = query.table();
        if (table.srid() == CRS84_SRID) {
            parameters.addAll(List.of(box[0], box[1], box[2], box[3]));
            return "st_intersects(t." + GEOMETRY + ", st_makeenvelope(?, ?, ?, ?, " + CRS84_SRID + "))";
        }
        double[] extent = table.extentCrs84();
        if (extent == null) return "false";
        double margin = Math.max(extent[2] - extent[0], extent[3] - extent[1]) * 0.01 + 1e-6;
        parameters.addAll(List.of(box[0], box[1], box[2], box[3],
                extent[0] - margin, extent[1] - margin, extent[2] + margin, extent[3] + margin));
        return "st_intersects(t." + GEOMETRY + ", (select st_transform(st_segmentize(st_intersection(st_makeenvelope(?, ?, ?, ?, "
                + CRS84_SRID + "), st_makeenvelope(?, ?, ?, ?, " + CRS84_SRID + ")), " + DENSIFY_DEGREES + "), " + table.srid() + ")))";
    }

    private List<String> time(FeatureQuery.TimeRange range) {
        TableColumn column = query.table().time().orElseThrow(() -> new IllegalArgumentException(
                query.table().table() + " has no time column"));
        String name = "t." + Identifiers.quote(column.name());
        List<String> conditions = new ArrayList<>();
        if (range.start() != null) {
            conditions.add(name + " >= ?");
            parameters.add(range.start());
        }
        if (range.end() != null) {
            conditions.add(name + (range.endExclusive() ? " < ?" : " <= ?"));
            parameters.add(range.end());
        }
        if (conditions.isEmpty()) conditions.add(name + " is not null");
        return conditions;
    }
}
