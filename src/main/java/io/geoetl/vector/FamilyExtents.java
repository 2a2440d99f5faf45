package io.geoetl.vector;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.geoetl.jobs.Json;
import java.util.EnumMap;
import java.util.Map;

/** Rows and bounding box per geometry family, gathered while loading and merged across chunks. */
final class FamilyExtents {
    private final Map<GeometryFamily, Extent> extents = new EnumMap<>(GeometryFamily.class);

    /** Adds one row of {@code family} with the encoder's current envelope. */
    void add(GeometryFamily family, GeometryEncoder geometry) {
        extents.computeIfAbsent(family, f -> new Extent()).add(1, geometry.minX(), geometry.minY(), geometry.maxX(), geometry.maxY());
    }

    void addAll(FamilyExtents other) {
        other.extents.forEach((family, extent) ->
                extents.computeIfAbsent(family, f -> new Extent()).add(extent.rows, extent.minX, extent.minY, extent.maxX, extent.maxY));
    }

    /** The families with at least one row. */
    Map<GeometryFamily, Extent> present() {
        return extents;
    }

    ObjectNode toJson() {
        ObjectNode json = Json.object();
        extents.forEach((family, extent) -> json.set(family.name().toLowerCase(), extent.toJson()));
        return json;
    }

    static FamilyExtents fromJson(JsonNode json) {
        FamilyExtents result = new FamilyExtents();
        for (GeometryFamily family : GeometryFamily.values()) {
            JsonNode extent = json.get(family.name().toLowerCase());
            if (extent == null) continue;
            JsonNode bbox = extent.get("bbox");
            result.extents.computeIfAbsent(family, f -> new Extent()).add(extent.get("rows").asLong(),
                    bbox.get(0).asDouble(), bbox.get(1).asDouble(), bbox.get(2).asDouble(), bbox.get(3).asDouble());
        }
        return result;
    }

    /** Row count and bounding box of one family. */
    static final class Extent {
        long rows;
        double minX = Double.POSITIVE_INFINITY;
        double minY = Double.POSITIVE_INFINITY;
        double maxX = Double.NEGATIVE_INFINITY;
        double maxY = Double.NEGATIVE_INFINITY;

        void add(long n, double x0, double y0, double x1, double y1) {
            rows += n;
            minX = Math.min(minX, x0);
            minY = Math.min(minY, y0);
            maxX = Math.max(maxX, x1);
            maxY = Math.max(maxY, y1);
        }

        long rows() {
            return rows;
        }

        double[] bbox() {
            return new double[] {minX, minY, maxX, maxY};
        }

        ObjectNode toJson() {
            ObjectNode json = Json.object();
            json.put("rows", rows);
            json.putArray("bbox").add(minX).add(minY).add(maxX).add(maxY);
            return json;
        }
    }
}
