package io.geoetl.features;

import io.geoetl.http.support.ApiException;

/** The bbox parameter: minx,miny,maxx,maxy (or with minz and maxz, which are ignored) in CRS84. */
final class Bbox {
    private Bbox() {}

    static double[] parse(String text) {
        String[] parts = text.split(",", -1);
        if (parts.length != 4 && parts.length != 6) {
            throw invalid(text, "it needs 4 numbers (minx,miny,maxx,maxy) or 6 (with minz and maxz), not " + parts.length);
        }
        double[] numbers = new double[parts.length];
        for (int i = 0; i < parts.length; i++) {
            try {
                numbers[i] = Double.parseDouble(parts[i].trim());
            } catch (NumberFormatException e) {
                throw invalid(text, "'" + parts[i] + "' is not a number");
            }
            if (!Double.isFinite(numbers[i])) throw invalid(text, "'" + parts[i] + "' is not a finite number");
        }
        int half = parts.length / 2;
        double[] box = {numbers[0], numbers[1], numbers[half], numbers[half + 1]};
        if (box[0] > box[2] || box[1] > box[3]) {
            throw invalid(text, "the minimum is above the maximum (boxes across the antimeridian are not supported: ask for two boxes)");
        }
        if (box[0] < -180 || box[2] > 180 || box[1] < -90 || box[3] > 90) {
            throw invalid(text, "longitudes must lie within -180..180 and latitudes within -90..90");
        }
        return box;
    }

    private static ApiException invalid(String text, String why) {
        return new ApiException(400, "invalid_query", "bbox '" + text + "': " + why);
    }
}
