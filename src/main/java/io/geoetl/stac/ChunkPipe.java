package io.geoetl.stac;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Duration;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A bounded pipe from a writer thread to the HTTP server reading the response: at most
 * {@value #CHUNKS} chunks of {@value #CHUNK_BYTES} bytes wait in it, so a large page never sits
 * whole in the heap. A writer whose reader stopped (client gone, stalled for longer than
 * {@code stall}) gets an IOException instead of blocking forever.
 */
final class ChunkPipe {
    private static final int CHUNKS = 16;
    private static final int CHUNK_BYTES = 64 * 1024;
    private static final Object END = new Object();
    private final BlockingQueue<Object> chunks = new ArrayBlockingQueue<>(CHUNKS);
    private final Duration stall;
    private volatile boolean readerClosed;

    ChunkPipe(Duration stall) {
        this.stall = stall;
    }

    /** The writer's end: close() ends the stream, {@link Sink#fail} ends it with an error. */
    Sink sink() {
        return new Sink();
    }

    InputStream source() {
        return new Source();
    }

    final class Sink extends OutputStream {
        private byte[] buffer = new byte[CHUNK_BYTES];
        private int position;
        private boolean closed;

        @Override
        public void write(int b) throws IOException {
            if (position == buffer.length) flushChunk();
            buffer[position++] = (byte) b;
        }

        @Override
        public void write(byte[] bytes, int offset, int length) throws IOException {
            while (length > 0) {
                if (position == buffer.length) flushChunk();
                int n = Math.min(length, buffer.length - position);
                System.arraycopy(bytes, offset, buffer, position, n);
                position += n;
                offset += n;
                length -= n;
            }
        }

        @Override
        public void close() throws IOException {
            if (closed) return;
            closed = true;
            flushChunk();
            put(END);
        }

        /** Ends the stream with an error the reader sees (the client gets a cut-off response). */
        void fail(Throwable error) {
            if (closed) return;
            closed = true;
            chunks.clear();
            chunks.offer(error);
        }

        private void flushChunk() throws IOException {
            if (position == 0) return;
            byte[] chunk = position == buffer.length ? buffer : java.util.Arrays.copyOf(buffer, position);
            put(chunk);
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
            readerClosed = true;
            chunks.clear();
        }

        private void next() throws IOException {
            Object chunk;
            try {
                chunk = chunks.poll(stall.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while waiting for the response", e);
            }
            if (chunk == null) throw new IOException("the response stalled for " + stall);
            if (chunk == END) {
                ended = true;
                return;
            }
            if (chunk instanceof Throwable error) {
                ended = true;
                throw new IOException("the response failed: " + error.getMessage(), error);
            }
            current = (byte[]) chunk;
            position = 0;
        }
    }
}
