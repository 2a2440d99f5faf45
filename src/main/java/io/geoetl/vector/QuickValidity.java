package io.geoetl.vector;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * A cheap test, on the WKB bytes, that proves a simple geometry valid without GEOS: lines with
 * at least two distinct points, and single-ring polygons of up to {@value #MAX_RING_POINTS}
 * points that are closed, have three distinct corners and no two edges that meet anywhere but at
 * their shared corner. Anything else, and anything too close to call in floating point, is
 * "not proven" and goes to GEOS's IsValid. Most real polygons (parcels, buildings, grid cells)
 * are proven here, which skips the costliest step of cleaning.
 */
final class QuickValidity {
    static final int MAX_RING_POINTS = 32;
    /** Relative size under which an orientation is too close to zero to trust its sign. */
    private static final double UNCERTAIN = 1e-12;
    private static final VarHandle LE_INT = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle LE_DOUBLE = MethodHandles.byteArrayViewVarHandle(double[].class, ByteOrder.LITTLE_ENDIAN);

    private QuickValidity() {}

    /** True when {@code wkb} (ISO, little-endian, as {@link FeatureCleaner} exports it) is certainly valid. */
    static boolean proven(byte[] wkb) {
        if (wkb.length < 5 || wkb[0] != 1) return false;
        int code = (int) LE_INT.get(wkb, 1);
        int type = code % 1000;
        int stride = 8 * (2 + (code / 1000 == 1 || code / 1000 == 2 ? 1 : code / 1000 == 3 ? 2 : 0));
        return switch (type) {
            case 2 -> lineProven(wkb, 5, stride);
            case 3 -> polygonProven(wkb, 5, stride);
            case 5 -> multiLineProven(wkb, stride);
            case 6 -> (int) LE_INT.get(wkb, 5) == 1 && wkb[9] == 1 && (int) LE_INT.get(wkb, 10) == code - 3 && polygonProven(wkb, 14, stride);
            default -> false;
        };
    }

    private static boolean multiLineProven(byte[] wkb, int stride) {
        int parts = (int) LE_INT.get(wkb, 5);
        int at = 9;
        for (int i = 0; i < parts; i++) {
            if (wkb[at] != 1) return false;
            if (!lineProven(wkb, at + 5, stride)) return false;
            at += 5 + 4 + (int) LE_INT.get(wkb, at + 5) * stride;
        }
        return parts > 0;
    }

    /** A line string at {@code at} (its point count): at least two distinct points, all finite. */
    private static boolean lineProven(byte[] wkb, int at, int stride) {
        int points = (int) LE_INT.get(wkb, at);
        boolean distinct = false;
        double x0 = x(wkb, at + 4);
        double y0 = y(wkb, at + 4);
        for (int i = 0; i < points; i++) {
            double x = x(wkb, at + 4 + i * stride);
            double y = y(wkb, at + 4 + i * stride);
            if (!Double.isFinite(x) || !Double.isFinite(y)) return false;
            distinct |= x != x0 || y != y0;
        }
        return distinct;
    }

    /** A polygon at {@code at} (its ring count): one closed ring, simple, with three distinct corners. */
    private static boolean polygonProven(byte[] wkb, int at, int stride) {
        if ((int) LE_INT.get(wkb, at) != 1) return false;
        int points = (int) LE_INT.get(wkb, at + 4);
        if (points < 4 || points > MAX_RING_POINTS) return false;
        int first = at + 8;
        double[] xs = new double[points];
        double[] ys = new double[points];
        for (int i = 0; i < points; i++) {
            xs[i] = x(wkb, first + i * stride);
            ys[i] = y(wkb, first + i * stride);
            if (!Double.isFinite(xs[i]) || !Double.isFinite(ys[i])) return false;
            if (i > 0 && xs[i] == xs[i - 1] && ys[i] == ys[i - 1]) return false; // repeated point: leave it to GEOS
        }
        int edges = points - 1;
        if (xs[0] != xs[edges] || ys[0] != ys[edges]) return false;
        for (int i = 0; i < edges; i++) {
            // consecutive edges must turn (not fold back or run straight on)
            int next = (i + 1) % edges;
            if (orientation(xs[i], ys[i], xs[i + 1], ys[i + 1], xs[next + 1], ys[next + 1]) == 0) return false;
            for (int j = i + 2; j < edges; j++) {
                if (i == 0 && j == edges - 1) continue; // neighbours through the closing point
                if (mayMeet(xs, ys, i, j)) return false;
            }
        }
        return true;
    }

    /** Whether edges i and j (not neighbours) might touch or cross: false only when they certainly do not. */
    private static boolean mayMeet(double[] xs, double[] ys, int i, int j) {
        if (Math.max(xs[i], xs[i + 1]) < Math.min(xs[j], xs[j + 1]) || Math.max(xs[j], xs[j + 1]) < Math.min(xs[i], xs[i + 1])
                || Math.max(ys[i], ys[i + 1]) < Math.min(ys[j], ys[j + 1]) || Math.max(ys[j], ys[j + 1]) < Math.min(ys[i], ys[i + 1])) {
            return false;
        }
        int o1 = orientation(xs[i], ys[i], xs[i + 1], ys[i + 1], xs[j], ys[j]);
        int o2 = orientation(xs[i], ys[i], xs[i + 1], ys[i + 1], xs[j + 1], ys[j + 1]);
        int o3 = orientation(xs[j], ys[j], xs[j + 1], ys[j + 1], xs[i], ys[i]);
        int o4 = orientation(xs[j], ys[j], xs[j + 1], ys[j + 1], xs[i + 1], ys[i + 1]);
        if (o1 == 0 || o2 == 0 || o3 == 0 || o4 == 0) return true;
        return o1 != o2 && o3 != o4;
    }

    /** Sign of the turn a→b→c: 1 left, -1 right, 0 straight or too close to call. */
    private static int orientation(double ax, double ay, double bx, double by, double cx, double cy) {
        double left = (bx - ax) * (cy - ay);
        double right = (by - ay) * (cx - ax);
        double det = left - right;
        double bound = UNCERTAIN * (Math.abs(left) + Math.abs(right));
        if (det > bound) return 1;
        if (det < -bound) return -1;
        return 0;
    }

    private static double x(byte[] wkb, int at) {
        return (double) LE_DOUBLE.get(wkb, at);
    }

    private static double y(byte[] wkb, int at) {
        return (double) LE_DOUBLE.get(wkb, at + 8);
    }
}
