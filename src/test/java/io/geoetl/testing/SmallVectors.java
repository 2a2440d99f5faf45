package io.geoetl.testing;

/** Small but real vector files (text formats) for trigger tests that run the real ingest_vector. */
public final class SmallVectors {
    private SmallVectors() {}

    /** A GeoJSON FeatureCollection (layer {@code layer}) of two points at (x, y) and (x + step, y) in whatever CRS it is read in. */
    public static String geoJson(String layer, double x, double y, double step) {
        return """
                {"type": "FeatureCollection", "name": "%s", "features": [
                 {"type": "Feature", "properties": {"name": "a"}, "geometry": {"type": "Point", "coordinates": [%s, %s]}},
                 {"type": "Feature", "properties": {"name": "b"}, "geometry": {"type": "Point", "coordinates": [%s, %s]}}]}
                """.formatted(layer, x, y, x + step, y);
    }

    /** A GeoJSON of two lon/lat points in Switzerland. */
    public static String geoJson() {
        return geoJson("points", 8.5, 47.3, 0.1);
    }

    /** A CSV of {@code rows} points with a WKT column (no CRS: submit it with source_crs). */
    public static String csv(int rows) {
        StringBuilder csv = new StringBuilder("id,name,wkt\n");
        for (int i = 0; i < rows; i++) csv.append(i).append(",p").append(i).append(",\"POINT (8.").append(i).append(" 47.3)\"\n");
        return csv.toString();
    }

    /** A KML document with one placemark. */
    public static String kml() {
        return """
                <?xml version="1.0" encoding="UTF-8"?>
                <kml xmlns="http://www.opengis.net/kml/2.2"><Document><Placemark><name>p</name>
                <Point><coordinates>8.5,47.3</coordinates></Point></Placemark></Document></kml>
                """;
    }

    /** A GPX file with two waypoints (layer waypoints). */
    public static String gpx() {
        return """
                <?xml version="1.0" encoding="UTF-8"?>
                <gpx version="1.1" creator="geoetl tests" xmlns="http://www.topografix.com/GPX/1/1">
                <wpt lat="47.3" lon="8.5"><name>a</name></wpt><wpt lat="47.4" lon="8.6"><name>b</name></wpt></gpx>
                """;
    }
}
