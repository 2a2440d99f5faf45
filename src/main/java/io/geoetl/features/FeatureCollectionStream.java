package io.geoetl.features;

import io.geoetl.store.FeatureCursor;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.function.LongFunction;

/**
 * A GeoJSON FeatureCollection written while it is read: the head, then one feature per cursor
 * row, then numberReturned and the links, so a page of 10,000 features never sits in the heap.
 * The cursor brings one row more than the page holds: that row only tells there is a next page.
 */
final class FeatureCollectionStream extends InputStream {
    private final FeatureCursor cursor;
    private final int limit;
    private final String tailLinks;
    private final LongFunction<String> nextLink;
    private byte[] chunk;
    private int position;
    private int returned;
    private long lastId;
    private boolean finished;

    /**
     * @param head everything up to and including {@code "features":[}
     * @param tailLinks the link objects every page has (self, collection), comma-separated
     * @param nextLink the next link object after a given key
     */
    FeatureCollectionStream(String head, FeatureCursor cursor, int limit, String tailLinks, LongFunction<String> nextLink) {
        this.cursor = cursor;
        this.limit = limit;
        this.tailLinks = tailLinks;
        this.nextLink = nextLink;
        this.chunk = head.getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xff;
    }

    /** Fills as much of {@code buffer} as it can, so the reply is written in large pieces, not a write per feature. */
    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        int copied = 0;
        while (copied < length) {
            if (position >= chunk.length) {
                if (finished) break;
                nextChunk();
                continue;
            }
            int n = Math.min(length - copied, chunk.length - position);
            System.arraycopy(chunk, position, buffer, offset + copied, n);
            position += n;
            copied += n;
        }
        return copied == 0 && length > 0 ? -1 : copied;
    }

    private void nextChunk() throws IOException {
        position = 0;
        try {
            if (cursor.next()) {
                if (returned < limit) {
                    lastId = cursor.id();
                    chunk = ((returned++ > 0 ? "," : "") + cursor.json()).getBytes(StandardCharsets.UTF_8);
                    return;
                }
                cursor.close();
                chunk = tail(true);
            } else {
                chunk = tail(false);
            }
            finished = true;
        } catch (RuntimeException e) {
            cursor.close();
            throw new IOException("reading features failed: " + e.getMessage(), e);
        }
    }

    private byte[] tail(boolean more) {
        String links = tailLinks + (more ? "," + nextLink.apply(lastId) : "");
        return ("],\"numberReturned\":" + returned + ",\"links\":[" + links + "]}").getBytes(StandardCharsets.UTF_8);
    }

    /** Ends the page: the cursor and its connection are released, further reads see the end. */
    @Override
    public void close() {
        finished = true;
        chunk = new byte[0];
        position = 0;
        cursor.close();
    }
}
