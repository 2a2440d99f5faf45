package io.geoetl.vector;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * Turns the ISO WKB that GDAL exports into the EWKB PostGIS stores, in one pass over the bytes
 * and without building geometry objects:
 * <ul>
 *   <li>every part goes to its family (points, lines, polygons): a single geometry becomes a
 *       Multi* of one part, a GeometryCollection is exploded into one Multi* per family it holds
 *       (nested collections are flattened);</li>
 *   <li>Z and M are written only when the table has them (missing ones become 0);</li>
 *   <li>polygon rings are oriented: exterior counter-clockwise, holes clockwise (OGC, RFC 7946);</li>
 *   <li>empty parts are left out; the SRID goes into the outer geometry.</li>
 * </ul>
 * It also collects the envelope and notes any coordinate that is not a finite number. One encoder
 * serves one thread; its buffers are reused from geometry to geometry.
 */
final class GeometryEncoder {
    private static final VarHandle LE_INT = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle BE_INT = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.BIG_ENDIAN);
    private static final VarHandle LE_DOUBLE = MethodHandles.byteArrayViewVarHandle(double[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle BE_DOUBLE = MethodHandles.byteArrayViewVarHandle(double[].class, ByteOrder.BIG_ENDIAN);
    private static final int EWKB_Z = 0x80000000;
    private static final int EWKB_M = 0x40000000;
    private static final int EWKB_SRID = 0x20000000;
    private static final int EWKB_FLAGS = EWKB_Z | EWKB_M | EWKB_SRID;
    /** Byte order, type, SRID and part count of the outer Multi* geometry. */
    private static final int HEADER = 13;
    private static final int POINT = 1;
    private static final int LINESTRING = 2;
    private static final int POLYGON = 3;
    private static final int COLLECTION = 7;

    private final int srid;
    private final boolean outZ;
    private final boolean outM;
    private final int partFlags;
    private final int outStride;
    private final Output[] outputs = {new Output(), new Output(), new Output()};

    private byte[] in;
    private int pos;
    private int topType;
    private boolean sawZ;
    private boolean sawM;
    private boolean reversedRing;
    private boolean nonFinite;
    private double minX;
    private double minY;
    private double maxX;
    private double maxY;

    GeometryEncoder(int srid, boolean z, boolean m) {
        this.srid = srid;
        this.outZ = z;
        this.outM = m;
        this.partFlags = (z ? EWKB_Z : 0) | (m ? EWKB_M : 0);
        this.outStride = 8 * (2 + (z ? 1 : 0) + (m ? 1 : 0));
    }

    /** Encodes one geometry; false when it has no non-empty part. */
    boolean encode(byte[] wkb) {
        in = wkb;
        pos = 0;
        topType = -1;
        sawZ = sawM = reversedRing = nonFinite = false;
        minX = minY = Double.POSITIVE_INFINITY;
        maxX = maxY = Double.NEGATIVE_INFINITY;
        for (Output output : outputs) {
            output.len = HEADER;
            output.parts = 0;
        }
        readGeometry(true);
        boolean any = false;
        for (GeometryFamily family : GeometryFamily.values()) {
            Output output = outputs[family.ordinal()];
            if (output.parts > 0) {
                output.writeHeader(family.multiWkbType() | partFlags | EWKB_SRID, srid);
                any = true;
            }
        }
        return any;
    }

    boolean has(GeometryFamily family) {
        return outputs[family.ordinal()].parts > 0;
    }

    byte[] bytes(GeometryFamily family) {
        return outputs[family.ordinal()].buf;
    }

    int length(GeometryFamily family) {
        return outputs[family.ordinal()].len;
    }

    boolean droppedZM() {
        return (sawZ && !outZ) || (sawM && !outM);
    }

    boolean wasSingle() {
        return topType == POINT || topType == LINESTRING || topType == POLYGON;
    }

    boolean wasCollection() {
        return topType == COLLECTION;
    }

    boolean reversedRing() {
        return reversedRing;
    }

    boolean hasNonFinite() {
        return nonFinite;
    }

    /** True when the envelope is wider than a hemisphere or reaches past ±180: worth GDAL's antimeridian check. */
    boolean mayCrossAntimeridian() {
        return maxX - minX > 180 || maxX > 180 || minX < -180;
    }

    double minX() {
        return minX;
    }

    double minY() {
        return minY;
    }

    double maxX() {
        return maxX;
    }

    double maxY() {
        return maxY;
    }

    private void readGeometry(boolean top) {
        boolean little = in[pos++] == 1;
        int code = readInt(little, pos);
        pos += 4;
        int type;
        boolean z;
        boolean m;
        if ((code & EWKB_FLAGS) != 0) {
            z = (code & EWKB_Z) != 0;
            m = (code & EWKB_M) != 0;
            if ((code & EWKB_SRID) != 0) pos += 4;
            type = code & 0x0fffffff;
        } else {
            type = code % 1000;
            z = code / 1000 == 1 || code / 1000 == 3;
            m = code / 1000 == 2 || code / 1000 == 3;
        }
        if (top) topType = type;
        sawZ |= z;
        sawM |= m;
        switch (type) {
            case POINT -> point(little, z, m);
            case LINESTRING -> lineString(little, z, m);
            case POLYGON -> polygon(little, z, m);
            case 4, 5, 6, COLLECTION -> {
                int parts = readInt(little, pos);
                pos += 4;
                for (int i = 0; i < parts; i++) readGeometry(false);
            }
            default -> throw new IllegalArgumentException("WKB geometry type " + code + " is not linear; linearise it before encoding");
        }
    }

    private void point(boolean little, boolean z, boolean m) {
        int stride = stride(z, m);
        if (Double.isNaN(readDouble(little, pos)) && Double.isNaN(readDouble(little, pos + 8))) {
            pos += stride; // POINT EMPTY
            return;
        }
        Output out = outputs[GeometryFamily.POINT.ordinal()];
        out.ensure(5 + outStride);
        out.putByte(1);
        out.putInt(POINT | partFlags);
        writeCoordinate(out, little, pos, z, m);
        pos += stride;
        out.parts++;
    }

    private void lineString(boolean little, boolean z, boolean m) {
        int stride = stride(z, m);
        int points = readInt(little, pos);
        pos += 4;
        if (points == 0) return;
        Output out = outputs[GeometryFamily.LINE.ordinal()];
        out.ensure(9 + points * outStride);
        out.putByte(1);
        out.putInt(LINESTRING | partFlags);
        out.putInt(points);
        for (int i = 0; i < points; i++) writeCoordinate(out, little, pos + i * stride, z, m);
        pos += points * stride;
        out.parts++;
    }

    private void polygon(boolean little, boolean z, boolean m) {
        int stride = stride(z, m);
        int rings = readInt(little, pos);
        pos += 4;
        Output out = outputs[GeometryFamily.POLYGON.ordinal()];
        int start = out.len;
        out.ensure(9);
        out.putByte(1);
        out.putInt(POLYGON | partFlags);
        int ringCountAt = out.len;
        out.putInt(0);
        int written = 0;
        for (int r = 0; r < rings; r++) {
            int points = readInt(little, pos);
            pos += 4;
            if (points == 0) {
                if (r == 0) { // no exterior ring: the polygon is empty, skip its holes too
                    for (r++; r < rings; r++) pos += 4 + readInt(little, pos) * stride;
                    out.len = start;
                    return;
                }
                continue;
            }
            double area = signedArea(little, pos, points, stride);
            boolean reverse = area != 0 && (r == 0) != (area > 0);
            reversedRing |= reverse;
            out.ensure(4 + points * outStride);
            out.putInt(points);
            for (int i = 0; i < points; i++) {
                writeCoordinate(out, little, pos + (reverse ? points - 1 - i : i) * stride, z, m);
            }
            pos += points * stride;
            written++;
        }
        out.putIntAt(ringCountAt, written);
        out.parts++;
    }

    /** Twice the ring's signed area: positive when counter-clockwise. */
    private double signedArea(boolean little, int at, int points, int stride) {
        double x0 = readDouble(little, at);
        double y0 = readDouble(little, at + 8);
        double sum = 0;
        double px = 0;
        double py = 0;
        for (int i = 1; i < points; i++) {
            double x = readDouble(little, at + i * stride) - x0;
            double y = readDouble(little, at + i * stride + 8) - y0;
            sum += px * y - x * py;
            px = x;
            py = y;
        }
        return sum;
    }

    private void writeCoordinate(Output out, boolean little, int at, boolean z, boolean m) {
        double x = readDouble(little, at);
        double y = readDouble(little, at + 8);
        out.putDouble(x);
        out.putDouble(y);
        if (outZ) out.putDouble(z ? readDouble(little, at + 16) : 0);
        if (outM) out.putDouble(m ? readDouble(little, at + (z ? 24 : 16)) : 0);
        if (!Double.isFinite(x) || !Double.isFinite(y)) {
            nonFinite = true;
            return;
        }
        if (x < minX) minX = x;
        if (x > maxX) maxX = x;
        if (y < minY) minY = y;
        if (y > maxY) maxY = y;
    }

    private static int stride(boolean z, boolean m) {
        return 8 * (2 + (z ? 1 : 0) + (m ? 1 : 0));
    }

    private int readInt(boolean little, int at) {
        return little ? (int) LE_INT.get(in, at) : (int) BE_INT.get(in, at);
    }

    private double readDouble(boolean little, int at) {
        return little ? (double) LE_DOUBLE.get(in, at) : (double) BE_DOUBLE.get(in, at);
    }

    /** One family's EWKB, built after a reserved header. */
    private static final class Output {
        byte[] buf = new byte[1024];
        int len;
        int parts;

        void ensure(int more) {
            if (len + more > buf.length) buf = Arrays.copyOf(buf, Math.max(buf.length * 2, len + more));
        }

        void putByte(int value) {
            buf[len++] = (byte) value;
        }

        void putInt(int value) {
            LE_INT.set(buf, len, value);
            len += 4;
        }

        void putIntAt(int at, int value) {
            LE_INT.set(buf, at, value);
        }

        void putDouble(double value) {
            LE_DOUBLE.set(buf, len, value);
            len += 8;
        }

        void writeHeader(int type, int srid) {
            buf[0] = 1;
            LE_INT.set(buf, 1, type);
            LE_INT.set(buf, 5, srid);
            LE_INT.set(buf, 9, parts);
        }
    }
}
