package io.geoetl.stac;

import com.fasterxml.jackson.databind.JsonNode;

/** Bounding boxes: 4 numbers (west, south, east, north) or 6 (with heights), south ≤ north, west ≤ east. */
final class Bboxes {
    private Bboxes() {}

    /** The 2D box of {@code bbox}, or null after adding what is wrong with it to {@code problems}. */
    static double[] read(JsonNode bbox, String path, Problems problems) {
        if (bbox == null || !bbox.isArray() || (bbox.size() != 4 && bbox.size() != 6)) {
            problems.add(path, "must be an array of 4 numbers (west, south, east, north) or 6 (with min and max height)");
            return null;
        }
        double[] values = new double[bbox.size()];
        for (int i = 0; i < values.length; i++) {
            if (!bbox.get(i).isNumber()) {
                problems.add(path + "[" + i + "]", "must be a number");
                return null;
            }
            values[i] = bbox.get(i).asDouble();
        }
        return twoD(values, path, problems);
    }

    /** The 2D part of 4 or 6 numbers, checked. */
    static double[] twoD(double[] values, String path, Problems problems) {
        int half = values.length / 2;
        double[] box = {values[0], values[1], values[half], values[half + 1]};
        if (box[0] > box[2] || box[1] > box[3]) {
            problems.add(path, "the minimum must not be larger than the maximum (west ≤ east, south ≤ north)");
            return null;
        }
        if (box[0] < -180 || box[2] > 180 || box[1] < -90 || box[3] > 90) {
            problems.add(path, "must lie within longitude [-180, 180] and latitude [-90, 90]");
            return null;
        }
        return box;
    }
}
