package io.geoetl.http.support;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The body of a request on a route with {@code useBodyHandler=false}, read from the socket while
 * the client sends it: Vert.x hands over chunks on its event loop, the route's thread reads them.
 * At most {@link #HIGH_WATER} bytes wait in between; above that the request is paused (TCP
 * back-pressure slows the client down) until the reader has caught up. A client that sends
 * nothing for {@code stall} gets 408. Closing before the end drains and discards the rest.
 */
final class RequestBodyStream extends InputStream {
    private static final int HIGH_WATER = 1 << 20;
    private static final int LOW_WATER = 256 * 1024;
    private final HttpServerRequest request;
    private final long stallNanos;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition arrived = lock.newCondition();
    private final ArrayDeque<Buffer> chunks = new ArrayDeque<>();
    private Buffer current;
    private int position;
    private long queued;
    private boolean paused;
    private boolean ended;
    private boolean closed;
    private Throwable failure;
    private final long drainLimit;

    RequestBodyStream(HttpServerRequest request, Duration stall, long drainLimit) {
        this.request = request;
        this.stallNanos = stall.toNanos();
        this.drainLimit = drainLimit;
        request.handler(this::chunk).endHandler(v -> end()).exceptionHandler(this::fail);
        request.resume();
    }

    private void chunk(Buffer buffer) {
        lock.lock();
        try {
            chunks.add(buffer);
            queued += buffer.length();
            if (queued > HIGH_WATER && !paused) {
                paused = true;
                request.pause();
            }
            arrived.signalAll();
        } finally {
            lock.unlock();
        }
    }

    private void end() {
        lock.lock();
        try {
            ended = true;
            arrived.signalAll();
        } finally {
            lock.unlock();
        }
    }

    private void fail(Throwable cause) {
        lock.lock();
        try {
            failure = cause;
            arrived.signalAll();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] bytes, int offset, int length) throws IOException {
        if (length == 0) return 0;
        if (current == null || position == current.length()) {
            current = next();
            position = 0;
            if (current == null) return -1;
        }
        int n = Math.min(length, current.length() - position);
        current.getBytes(position, position + n, bytes, offset);
        position += n;
        return n;
    }

    /** The next chunk, waiting for the client; null at the end of the body. */
    private Buffer next() throws IOException {
        lock.lock();
        try {
            long wait = stallNanos;
            while (chunks.isEmpty() && !ended && failure == null) {
                if (wait <= 0) {
                    throw new ApiException(408, "request_timeout", "the client sent no part of the request body for "
                            + TimeUnit.NANOSECONDS.toSeconds(stallNanos) + " s (geoetl.http.body-stall-timeout)");
                }
                try {
                    wait = arrived.awaitNanos(wait);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IOException("interrupted while waiting for the request body", e);
                }
            }
            if (failure != null) throw new IOException("the request body could not be read: " + failure.getMessage(), failure);
            Buffer buffer = chunks.poll();
            if (buffer == null) return null;
            queued -= buffer.length();
            if (paused && queued < LOW_WATER) {
                paused = false;
                request.resume();
            }
            return buffer;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Reads and discards what the client still sends (up to {@code drainLimit} bytes), so that it
     * can finish sending and read the reply (a 413, a 400 for a bad feature, a 401); a client
     * that sends more than that, or stalls, has its connection closed instead.
     */
    @Override
    public void close() {
        if (closed) return;
        closed = true;
        current = null;
        long drained = 0;
        try {
            for (Buffer buffer = next(); buffer != null; buffer = next()) {
                drained += buffer.length();
                if (drained > drainLimit) {
                    request.connection().close();
                    return;
                }
            }
        } catch (IOException | ApiException stalledOrBroken) {
            request.connection().close();
        }
    }
}
