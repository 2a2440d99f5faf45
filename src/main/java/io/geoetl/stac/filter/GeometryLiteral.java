package io.geoetl.stac.filter;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A geometry written in the filter (WKT in CQL2-text, GeoJSON in CQL2-JSON), in WGS 84 longitude/latitude.
 * Coordinates are nested lists as in GeoJSON, with {@link Double} positions of 2 or 3 numbers; a
 * GeometryCollection has {@link #geometries()} instead. The shape is checked on construction, so the
 * database is never handed a geometry it rejects.
 */
public record GeometryLiteral(String type, List<?> coordinates, List<GeometryLiteral> geometries) implements Operand {
    /** GeoJSON type → nesting depth of its coordinates (1 = one position). */
    private static final Map<String, Integer> DEPTHS = Map.of("Point", 1, "MultiPoint", 2, "LineString", 2,
            "MultiLineString", 3, "Polygon", 3, "MultiPolygon", 4);
    public static final String COLLECTION = "GeometryCollection";

    public GeometryLiteral {
        if (COLLECTION.equals(type)) {
            geometries = List.copyOf(geometries);
            if (geometries.isEmpty()) throw FilterException.invalid("a GeometryCollection needs at least one geometry");
            if (geometries.stream().anyMatch(g -> COLLECTION.equals(g.type()))) {
                throw FilterException.invalid("a GeometryCollection inside a GeometryCollection is not supported");
            }
            coordinates = List.of();
        } else {
            Integer depth = DEPTHS.get(type);
            if (depth == null) {
                throw FilterException.invalid("unknown geometry type '" + type + "' (expected one of Point, LineString, "
                        + "Polygon, MultiPoint, MultiLineString, MultiPolygon, GeometryCollection)");
            }
            coordinates = normalised(coordinates, depth, type);
            checkShape(type, coordinates);
            geometries = List.of();
        }
    }

    public static GeometryLiteral of(String type, List<?> coordinates) {
        return new GeometryLiteral(type, coordinates, List.of());
    }

    public static GeometryLiteral collection(List<GeometryLiteral> geometries) {
        return new GeometryLiteral(COLLECTION, List.of(), geometries);
    }

    /** The geometry as GeoJSON text (what PostGIS's ST_GeomFromGeoJSON reads). */
    public String toGeoJson() {
        StringBuilder json = new StringBuilder("{\"type\":\"").append(type).append("\",");
        if (COLLECTION.equals(type)) {
            json.append("\"geometries\":[");
            for (int i = 0; i < geometries.size(); i++) {
                json.append(i == 0 ? "" : ",").append(geometries.get(i).toGeoJson());
            }
        } else {
            json.append("\"coordinates\":");
            appendCoordinates(json, coordinates);
        }
        return json.append(COLLECTION.equals(type) ? "]}" : "}").toString();
    }

    @Override
    public String describe() {
        return type + " geometry";
    }

    private static void appendCoordinates(StringBuilder json, Object value) {
        if (value instanceof Double number) {
            json.append(number);
            return;
        }
        json.append('[');
        List<?> list = (List<?>) value;
        for (int i = 0; i < list.size(); i++) {
            if (i > 0) json.append(',');
            appendCoordinates(json, list.get(i));
        }
        json.append(']');
    }

    /** An immutable copy with every number a finite Double (and -0.0 as 0.0), after checking the nesting. */
    private static List<?> normalised(Object value, int depth, String type) {
        if (!(value instanceof List<?> list)) {
            throw FilterException.invalid(type + " coordinates are not nested " + depth + " deep");
        }
        List<Object> copy = new ArrayList<>(list.size());
        if (depth == 1) {
            if (list.size() < 2 || list.size() > 3) {
                throw FilterException.invalid("a position has 2 or 3 numbers, not " + list.size() + " (in a " + type + ")");
            }
            for (Object coordinate : list) {
                if (!(coordinate instanceof Number number) || !Double.isFinite(number.doubleValue())) {
                    throw FilterException.invalid("a coordinate is not a finite number: " + coordinate + " (in a " + type + ")");
                }
                copy.add(number.doubleValue() + 0.0);
            }
        } else {
            for (Object element : list) copy.add(normalised(element, depth - 1, type));
        }
        return List.copyOf(copy);
    }

    private static void checkShape(String type, List<?> coordinates) {
        switch (type) {
            case "LineString" -> checkLine(coordinates, type);
            case "Polygon" -> checkPolygon(coordinates, type);
            case "MultiPoint" -> requireMembers(coordinates, type);
            case "MultiLineString" -> {
                requireMembers(coordinates, type);
                coordinates.forEach(line -> checkLine((List<?>) line, type));
            }
            case "MultiPolygon" -> {
                requireMembers(coordinates, type);
                coordinates.forEach(polygon -> checkPolygon((List<?>) polygon, type));
            }
            default -> { }
        }
    }

    private static void requireMembers(List<?> members, String type) {
        if (members.isEmpty()) throw FilterException.invalid("an empty " + type + " is not supported");
    }

    private static void checkLine(List<?> positions, String type) {
        if (positions.size() < 2) throw FilterException.invalid("a line needs at least 2 positions (in a " + type + ")");
    }

    private static void checkPolygon(List<?> rings, String type) {
        requireMembers(rings, type);
        for (Object ring : rings) {
            List<?> positions = (List<?>) ring;
            if (positions.size() < 4) {
                throw FilterException.invalid("a polygon ring needs at least 4 positions, not " + positions.size()
                        + " (in a " + type + ")");
            }
            if (!positions.get(0).equals(positions.get(positions.size() - 1))) {
                throw FilterException.invalid("a polygon ring is not closed: it starts at " + positions.get(0)
                        + " and ends at " + positions.get(positions.size() - 1) + " (in a " + type + ")");
            }
        }
    }
}
