package io.geoetl.http.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * A bounded pipe from a reply writer thread to the HTTP server reading the response: at most
 * {@value #CHUNKS} chunks of {@value #CHUNK_BYTES} bytes wait in it, so a large body never sits
 * whole in the heap. A writer whose reader stopped (client gone, or not reading for longer than
 * {@code stall}) gets an IOException instead of blocking forever, so it ends and releases what
 * it holds (a database cursor and its connection). {@link Sink#begun} completes once the writer
 * has filled its first chunk, or ended; a writer that fails before that completes it
 * exceptionally instead, so its failure can still become an error reply. A body that ends within
 * its first chunk never goes through the pipe: {@link #whole} hands it over in one piece.
 */
final class ReplyPipe {
    private static final int CHUNKS = 16;
    private static final int CHUNK_BYTES = 64 * 1024;
    private static final Object END = new Object();
    private final BlockingQueue<Object> chunks = new ArrayBlockingQueue<>(CHUNKS);
    private final Duration stall;
    private final Sink sink = new Sink();
    private final Source source = new Source();
    private volatile boolean readerClosed;
    private volatile byte[] whole;

    ReplyPipe(Duration stall) {
        this.stall = stall;
    }

    /** The writer's end: close() ends the body, {@link Sink#fail} ends it with an error. */
    Sink sink() {
        return sink;
    }

    InputStream source() {
        return source;
    }

    /** The whole body when the writer ended within the first chunk (then the source is not needed), else null. */
    byte[] whole() {
        return whole;
    }

    /** Nobody will read the body (sent, the client left, or the reply was given up): a writer still writing gets an IOException. */
    void abandon() {
        readerClosed = true;
        chunks.clear();
    }

    final class Sink extends OutputStream {
        private final CompletableFuture<Void> begun = new CompletableFuture<>();
        private byte[] buffer = new byte[CHUNK_BYTES];
        private int position;
        private boolean closed;

        /** Completes when the first chunk is full or the body ended; exceptionally when the writer failed first. */
        CompletableFuture<Void> begun() {
            return begun;
        }

        /** A full chunk goes to the reader at once, so the reader sees everything written up to the last full chunk. */
        @Override
        public void write(int b) throws IOException {
            buffer[position++] = (byte) b;
            if (position == buffer.length) flushChunk();
        }

        @Override
        public void write(byte[] bytes, int offset, int length) throws IOException {
            while (length > 0) {
                int n = Math.min(length, buffer.length - position);
                System.arraycopy(bytes, offset, buffer, position, n);
                position += n;
                offset += n;
                length -= n;
                if (position == buffer.length) flushChunk();
            }
        }

        /** Does nothing: chunks go to the reader when full or at the end, so a small body can be sent in one piece. */
        @Override
        public void flush() {
        }

        @Override
        public void close() throws IOException {
            if (closed) return;
            closed = true;
            if (begun.isDone()) {
                flushChunk();
                put(END);
            } else {
                whole = Arrays.copyOf(buffer, position);
                begun.complete(null);
            }
        }

        /** Ends the body with an error: before it began, the reply can still be an error; after, the client sees a cut-off body. */
        void fail(Throwable error) {
            if (closed) return;
            closed = true;
            if (begun.completeExceptionally(error)) return;
            chunks.clear();
            chunks.offer(error);
        }

        private void flushChunk() throws IOException {
            if (position == 0) return;
            byte[] chunk = position == buffer.length ? buffer : Arrays.copyOf(buffer, position);
            put(chunk);
            begun.complete(null);
            buffer = new byte[CHUNK_BYTES];
            position = 0;
        }

        private void put(Object chunk) throws IOException {
            try {
                if (readerClosed || !chunks.offer(chunk, stall.toMillis(), TimeUnit.MILLISECONDS)) {
                    throw new IOException("the client stopped reading the response");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while streaming the response", e);
            }
        }
    }

    private final class Source extends InputStream {
        private byte[] current = new byte[0];
        private int position;
        private boolean ended;

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] bytes, int offset, int length) throws IOException {
            if (length == 0) return 0;
            while (position == current.length) {
                if (ended) return -1;
                next();
            }
            int n = Math.min(length, current.length - position);
            System.arraycopy(current, position, bytes, offset, n);
            position += n;
            return n;
        }

        @Override
        public void close() {
            abandon();
        }

        private void next() throws IOException {
            Object chunk;
            try {
                chunk = chunks.poll(stall.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while waiting for the response", e);
            }
            if (chunk == null) throw new IOException("the reply writer wrote nothing for " + stall);
            if (chunk == END) {
                ended = true;
                return;
            }
            if (chunk instanceof Throwable error) {
                ended = true;
                throw new IOException("the reply writer failed: " + error.getMessage(), error);
            }
            current = (byte[]) chunk;
            position = 0;
        }
    }
}
