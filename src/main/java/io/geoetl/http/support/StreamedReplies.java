package io.geoetl.http.support;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.camel.Exchange;
import org.apache.camel.Message;

/**
 * Replies whose body is written to an OutputStream while the client reads it (a large GeoJSON
 * page, an export), never built in the heap. The writer runs on a bounded executor and writes
 * into a small pipe; platform-http-vertx sends an InputStream body chunked, reading it as the
 * client takes the bytes, so a slow client slows the writer down instead of filling memory.
 * When every writer thread is busy the request gets 503 {@code busy}. A writer that fails half
 * way makes the reply end with an error (the client sees a broken chunked body, not a short one).
 */
public final class StreamedReplies {
    private static final int PIPE_BYTES = 64 * 1024;
    private final ExecutorService writers;
    private final String poolSetting;

    /** Writes a reply body; the stream is closed afterwards. */
    @FunctionalInterface
    public interface BodyWriter {
        void writeTo(OutputStream out) throws Exception;
    }

    public StreamedReplies(ExecutorService writers) {
        this(writers, "geoetl.http.stream-writers");
    }

    /** Writers from {@code writers}, whose size the setting {@code poolSetting} gives (named in the 503). */
    public StreamedReplies(ExecutorService writers, String poolSetting) {
        this.writers = writers;
        this.poolSetting = poolSetting;
    }

    public void stream(Exchange exchange, int status, String contentType, BodyWriter writer) {
        AtomicReference<Exception> failure = new AtomicReference<>();
        PipedInputStream pipe = new PipedInputStream(PIPE_BYTES);
        PipedOutputStream out;
        try {
            out = new PipedOutputStream(pipe);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        try {
            writers.execute(() -> write(writer, out, failure));
        } catch (RejectedExecutionException e) {
            throw new ApiException(503, "busy", "every reply writer is busy (" + poolSetting + "); try again in a moment");
        }
        Message reply = exchange.getMessage();
        reply.removeHeaders("*", CorsPolicy.RESPONSE_HEADERS);
        reply.setHeader(Exchange.HTTP_RESPONSE_CODE, status);
        reply.setHeader(Exchange.CONTENT_TYPE, contentType);
        reply.setBody(new FailingAtEnd(pipe, failure));
    }

    private static void write(BodyWriter writer, PipedOutputStream out, AtomicReference<Exception> failure) {
        try (out) {
            writer.writeTo(out);
        } catch (Exception e) {
            failure.set(e);
        }
    }

    /** The pipe's read end: at its end, a failure of the writer becomes an IOException. */
    private static final class FailingAtEnd extends FilterInputStream {
        private final AtomicReference<Exception> failure;

        FailingAtEnd(InputStream in, AtomicReference<Exception> failure) {
            super(in);
            this.failure = failure;
        }

        @Override
        public int read() throws IOException {
            return checked(super.read());
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            return checked(super.read(b, off, len));
        }

        private int checked(int result) throws IOException {
            if (result < 0 && failure.get() != null) {
                throw new IOException("the reply writer failed: " + failure.get().getMessage(), failure.get());
            }
            return result;
        }
    }
}
