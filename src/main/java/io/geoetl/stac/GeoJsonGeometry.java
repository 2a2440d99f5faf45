package io.geoetl.stac;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Checks a GeoJSON geometry (RFC 7946: types, nesting, positions of 2 or 3 numbers within
 * longitude/latitude bounds, closed rings) and measures its bounding box.
 */
final class GeoJsonGeometry {
    private final double[] bbox = {Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.NEGATIVE_INFINITY};
    private final Problems problems;

    private GeoJsonGeometry(Problems problems) {
        this.problems = problems;
    }

    /** Adds what is wrong with {@code geometry} to {@code problems}; returns its bbox (minx, miny, maxx, maxy) or null when invalid. */
    static double[] check(JsonNode geometry, String path, Problems problems) {
        int before = problems.size();
        GeoJsonGeometry check = new GeoJsonGeometry(problems);
        check.geometry(geometry, path);
        return problems.size() == before && check.bbox[0] <= check.bbox[2] ? check.bbox : null;
    }

    private void geometry(JsonNode geometry, String path) {
        if (geometry == null || !geometry.isObject()) {
            problems.add(path, "must be a GeoJSON geometry object");
            return;
        }
        String type = geometry.path("type").asText("");
        if (type.equals("GeometryCollection")) {
            JsonNode members = geometry.get("geometries");
            if (members == null || !members.isArray() || members.isEmpty()) {
                problems.add(path + ".geometries", "must be a non-empty array of geometries");
                return;
            }
            for (int i = 0; i < members.size(); i++) geometry(members.get(i), path + ".geometries[" + i + "]");
            return;
        }
        int depth = switch (type) {
            case "Point" -> 0;
            case "MultiPoint", "LineString" -> 1;
            case "MultiLineString", "Polygon" -> 2;
            case "MultiPolygon" -> 3;
            default -> -1;
        };
        if (depth < 0) {
            problems.add(path + ".type", "must be one of Point, MultiPoint, LineString, MultiLineString, Polygon, MultiPolygon, "
                    + "GeometryCollection, not '" + type + "'");
            return;
        }
        JsonNode coordinates = geometry.get("coordinates");
        if (coordinates == null || !coordinates.isArray()) {
            problems.add(path + ".coordinates", "must be an array");
            return;
        }
        switch (type) {
            case "Point" -> position(coordinates, path + ".coordinates");
            case "MultiPoint" -> positions(coordinates, path + ".coordinates", 1, false);
            case "LineString" -> positions(coordinates, path + ".coordinates", 2, false);
            case "MultiLineString" -> each(coordinates, path + ".coordinates", (line, p) -> positions(line, p, 2, false));
            case "Polygon" -> polygon(coordinates, path + ".coordinates");
            default -> each(coordinates, path + ".coordinates", this::polygon);
        }
    }

    private void polygon(JsonNode rings, String path) {
        if (!rings.isArray() || rings.isEmpty()) {
            problems.add(path, "a polygon must be a non-empty array of linear rings");
            return;
        }
        each(rings, path, (ring, p) -> positions(ring, p, 4, true));
    }

    private void each(JsonNode array, String path, Part part) {
        if (!array.isArray() || array.isEmpty()) {
            problems.add(path, "must be a non-empty array");
            return;
        }
        for (int i = 0; i < array.size(); i++) part.check(array.get(i), path + "[" + i + "]");
    }

    private void positions(JsonNode array, String path, int minimum, boolean closed) {
        if (!array.isArray() || array.size() < minimum) {
            problems.add(path, "must be an array of at least " + minimum + " positions");
            return;
        }
        for (int i = 0; i < array.size(); i++) position(array.get(i), path + "[" + i + "]");
        if (closed && !array.get(0).equals(array.get(array.size() - 1))) {
            problems.add(path, "a linear ring must end at its first position");
        }
    }

    private void position(JsonNode position, String path) {
        if (!position.isArray() || position.size() < 2 || position.size() > 3) {
            problems.add(path, "a position must be an array of 2 or 3 numbers");
            return;
        }
        for (JsonNode n : position) {
            if (!n.isNumber()) {
                problems.add(path, "a position must hold numbers only");
                return;
            }
        }
        double x = position.get(0).asDouble();
        double y = position.get(1).asDouble();
        if (x < -180 || x > 180 || y < -90 || y > 90) {
            problems.add(path, "longitude must be within [-180, 180] and latitude within [-90, 90] (WGS 84), got " + x + ", " + y);
            return;
        }
        bbox[0] = Math.min(bbox[0], x);
        bbox[1] = Math.min(bbox[1], y);
        bbox[2] = Math.max(bbox[2], x);
        bbox[3] = Math.max(bbox[3], y);
    }

    @FunctionalInterface
    private interface Part {
        void check(JsonNode node, String path);
    }
}
