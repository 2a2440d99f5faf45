package io.geoetl.features;

import io.geoetl.http.support.ApiException;
import io.geoetl.jobs.Json;

/**
 * A tile of the WebMercatorQuad tile matrix set: zoom 0..{@link #MAX_ZOOM}, column and row
 * 0..2^z-1, row 0 at the north. Knows its area in lon/lat, so a tile outside a table's extent
 * needs no query.
 */
record TileAddress(int z, int x, int y) {
    /** The deepest level of WebMercatorQuad (OGC 17-083r4). */
    static final int MAX_ZOOM = 24;
    /** Web Mercator's latitude limit: the square world ends there. */
    private static final double MAX_LATITUDE = 85.0511287798066;

    static TileAddress parse(String z, String x, String y) {
        int zoom = number("z", z, MAX_ZOOM);
        int last = (1 << zoom) - 1;
        return new TileAddress(zoom, number("x", x, last), number("y", y, last));
    }

    /**
     * The tile grown by {@code margin} (a fraction of its side) in lon/lat, cut to {@code extent}
     * (minx, miny, maxx, maxy in CRS84); null when they do not meet.
     */
    double[] crs84Within(double margin, double[] extent) {
        double n = 1 << z;
        double west = lon((x - margin) / n);
        double east = lon((x + 1 + margin) / n);
        double north = lat((y - margin) / n);
        double south = lat((y + 1 + margin) / n);
        double[] cut = {Math.max(west, extent[0]), Math.max(south, extent[1]), Math.min(east, extent[2]), Math.min(north, extent[3])};
        return cut[0] <= cut[2] && cut[1] <= cut[3] ? cut : null;
    }

    private static double lon(double fraction) {
        return Math.max(-180, Math.min(180, fraction * 360 - 180));
    }

    private static double lat(double fraction) {
        double lat = Math.toDegrees(Math.atan(Math.sinh(Math.PI * (1 - 2 * fraction))));
        return Math.max(-MAX_LATITUDE, Math.min(MAX_LATITUDE, lat));
    }

    private static int number(String name, String text, int max) {
        int value;
        try {
            value = Integer.parseInt(text);
        } catch (NumberFormatException e) {
            value = -1;
        }
        if (value < 0 || value > max) {
            throw new ApiException(400, "tile_out_of_range", "tile " + name + " must be a whole number within 0.." + max + ", not '" + text
                    + "' (WebMercatorQuad: z 0.." + MAX_ZOOM + ", x and y 0..2^z-1)", Json.object().put(name, text).put("max", max));
        }
        return value;
    }
}
