package io.geoetl.stac.filter;

import io.geoetl.stac.filter.Cql2Lexer.Token;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;

/** Reads a WKT geometry (CQL2-text's spatial literal) from the text parser's tokens into a {@link GeometryLiteral}. */
final class WktReader {
    /** WKT tag → GeoJSON type. */
    private static final Map<String, String> TYPES = Map.of("POINT", "Point", "LINESTRING", "LineString",
            "POLYGON", "Polygon", "MULTIPOINT", "MultiPoint", "MULTILINESTRING", "MultiLineString",
            "MULTIPOLYGON", "MultiPolygon", "GEOMETRYCOLLECTION", GeometryLiteral.COLLECTION);

    private final Cql2TextParser parser;

    WktReader(Cql2TextParser parser) {
        this.parser = parser;
    }

    static boolean isGeometryTag(String upperCaseWord) {
        return TYPES.containsKey(upperCaseWord);
    }

    GeometryLiteral geometry() {
        Token tag = parser.next();
        String type = TYPES.get(tag.text().toUpperCase(Locale.ROOT));
        if (type == null) throw parser.unexpected(tag, "a WKT geometry (POINT, LINESTRING, POLYGON, MULTIPOINT, "
                + "MULTILINESTRING, MULTIPOLYGON or GEOMETRYCOLLECTION)");
        if (parser.peek().isKeyword("Z")) parser.next();
        if (parser.peek().isKeyword("EMPTY")) {
            throw FilterException.invalid("the empty geometry at position " + tag.position() + " is not supported");
        }
        if (type.equals(GeometryLiteral.COLLECTION)) {
            List<GeometryLiteral> members = members();
            return shaped(tag, () -> GeometryLiteral.collection(members));
        }
        List<?> coordinates = switch (type) {
            case "Point" -> point();
            case "LineString" -> nested(2);
            case "Polygon", "MultiLineString" -> nested(3);
            case "MultiPolygon" -> nested(4);
            default -> multiPoint();
        };
        return shaped(tag, () -> GeometryLiteral.of(type, coordinates));
    }

    /** A geometry whose shape is wrong (an open ring, a one-point line) is reported at its tag. */
    private static GeometryLiteral shaped(Token tag, Supplier<GeometryLiteral> geometry) {
        try {
            return geometry.get();
        } catch (FilterException e) {
            throw e.at("in the " + tag.text() + " at position " + tag.position());
        }
    }

    private List<Double> point() {
        parser.expectSymbol("(");
        List<Double> position = position();
        parser.expectSymbol(")");
        return position;
    }

    /** Depth 1 is one position ({@code x y [z]}); each level above is a parenthesised, comma-separated list. */
    private List<?> nested(int depth) {
        if (depth == 1) return position();
        parser.expectSymbol("(");
        List<Object> items = new ArrayList<>(List.of(nested(depth - 1)));
        while (parser.acceptSymbol(",")) items.add(nested(depth - 1));
        parser.expectSymbol(")");
        return items;
    }

    /** {@code ((1 2), (3 4))} as the BNF writes it, or the common {@code (1 2, 3 4)}. */
    private List<?> multiPoint() {
        parser.expectSymbol("(");
        List<Object> points = new ArrayList<>();
        do {
            if (parser.acceptSymbol("(")) {
                points.add(position());
                parser.expectSymbol(")");
            } else {
                points.add(position());
            }
        } while (parser.acceptSymbol(","));
        parser.expectSymbol(")");
        return points;
    }

    private List<GeometryLiteral> members() {
        parser.expectSymbol("(");
        List<GeometryLiteral> members = new ArrayList<>(List.of(geometry()));
        while (parser.acceptSymbol(",")) members.add(geometry());
        parser.expectSymbol(")");
        return members;
    }

    private List<Double> position() {
        List<Double> coordinates = new ArrayList<>();
        coordinates.add(parser.signedNumber().value().doubleValue());
        while (!parser.peek().isSymbol(",") && !parser.peek().isSymbol(")") && coordinates.size() < 4) {
            coordinates.add(parser.signedNumber().value().doubleValue());
        }
        return coordinates;
    }
}
