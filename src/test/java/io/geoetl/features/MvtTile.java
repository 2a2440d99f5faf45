package io.geoetl.features;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A small reader of Mapbox vector tiles (the MVT 2.1 protobuf) for the tests: layers, features
 * with id, properties and their geometry's vertices in tile coordinates.
 */
final class MvtTile {
    record Feature(long id, int type, Map<String, Object> properties, List<int[]> vertices) {}

    record Layer(String name, int extent, List<Feature> features) {}

    final List<Layer> layers = new ArrayList<>();

    static MvtTile read(byte[] bytes) {
        MvtTile tile = new MvtTile();
        Reader tileReader = new Reader(bytes, 0, bytes.length);
        while (tileReader.more()) {
            int key = (int) tileReader.varint();
            if (key >>> 3 == 3) tile.layers.add(layer(tileReader.message()));
            else tileReader.skip(key & 7);
        }
        return tile;
    }

    Layer layer(String name) {
        return layers.stream().filter(l -> l.name().equals(name)).findFirst().orElseThrow(() -> new AssertionError("no layer " + name));
    }

    private static Layer layer(Reader in) {
        String name = null;
        int extent = 4096;
        List<String> keys = new ArrayList<>();
        List<Object> values = new ArrayList<>();
        List<Reader> features = new ArrayList<>();
        while (in.more()) {
            int key = (int) in.varint();
            switch (key >>> 3) {
                case 1 -> name = in.string();
                case 2 -> features.add(in.message());
                case 3 -> keys.add(in.string());
                case 4 -> values.add(value(in.message()));
                case 5 -> extent = (int) in.varint();
                default -> in.skip(key & 7);
            }
        }
        List<Feature> read = new ArrayList<>();
        for (Reader feature : features) read.add(feature(feature, keys, values));
        return new Layer(name, extent, read);
    }

    private static Feature feature(Reader in, List<String> keys, List<Object> values) {
        long id = 0;
        int type = 0;
        Map<String, Object> properties = new LinkedHashMap<>();
        List<int[]> vertices = new ArrayList<>();
        while (in.more()) {
            int key = (int) in.varint();
            switch (key >>> 3) {
                case 1 -> id = in.varint();
                case 2 -> {
                    Reader tags = in.message();
                    while (tags.more()) properties.put(keys.get((int) tags.varint()), values.get((int) tags.varint()));
                }
                case 3 -> type = (int) in.varint();
                case 4 -> vertices = geometry(in.message());
                default -> in.skip(key & 7);
            }
        }
        return new Feature(id, type, properties, vertices);
    }

    /** MoveTo and LineTo vertices, absolute; ClosePath adds none. */
    private static List<int[]> geometry(Reader in) {
        List<int[]> vertices = new ArrayList<>();
        int x = 0;
        int y = 0;
        while (in.more()) {
            int command = (int) in.varint();
            int id = command & 7;
            int count = command >>> 3;
            if (id == 7) continue;
            for (int i = 0; i < count; i++) {
                x += zigzag(in.varint());
                y += zigzag(in.varint());
                vertices.add(new int[] {x, y});
            }
        }
        return vertices;
    }

    private static Object value(Reader in) {
        Object value = null;
        while (in.more()) {
            int key = (int) in.varint();
            switch (key >>> 3) {
                case 1 -> value = in.string();
                case 2 -> value = Float.intBitsToFloat((int) in.fixed(4));
                case 3 -> value = Double.longBitsToDouble(in.fixed(8));
                case 4, 5 -> value = in.varint();
                case 6 -> value = zigzag(in.varint());
                case 7 -> value = in.varint() != 0;
                default -> in.skip(key & 7);
            }
        }
        return value;
    }

    private static long zigzag(long n) {
        return (n >>> 1) ^ -(n & 1);
    }

    /** Protobuf wire format over a slice of bytes. */
    private static final class Reader {
        private final byte[] bytes;
        private int position;
        private final int end;

        Reader(byte[] bytes, int start, int end) {
            this.bytes = bytes;
            this.position = start;
            this.end = end;
        }

        boolean more() {
            return position < end;
        }

        long varint() {
            long value = 0;
            for (int shift = 0; ; shift += 7) {
                byte b = bytes[position++];
                value |= (long) (b & 0x7f) << shift;
                if (b >= 0) return value;
            }
        }

        long fixed(int size) {
            long value = 0;
            for (int i = 0; i < size; i++) value |= (long) (bytes[position++] & 0xff) << (8 * i);
            return value;
        }

        Reader message() {
            int length = (int) varint();
            Reader inner = new Reader(bytes, position, position + length);
            position += length;
            return inner;
        }

        String string() {
            int length = (int) varint();
            String text = new String(bytes, position, length, StandardCharsets.UTF_8);
            position += length;
            return text;
        }

        void skip(int wireType) {
            switch (wireType) {
                case 0 -> varint();
                case 1 -> position += 8;
                case 2 -> position += (int) varint();
                case 5 -> position += 4;
                default -> throw new IllegalStateException("wire type " + wireType);
            }
        }
    }
}
