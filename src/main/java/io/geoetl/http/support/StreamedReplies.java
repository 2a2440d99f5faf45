package io.geoetl.http.support;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.camel.Exchange;
import org.apache.camel.Message;

/**
 * Replies whose body is written to an OutputStream while the client reads it (a page of STAC
 * items or of features, an export), never built in the heap. The writer runs on a bounded
 * executor and writes into a small bounded pipe ({@link ReplyPipe}); platform-http-vertx sends an
 * InputStream body chunked, reading it as the client takes the bytes, so a slow client slows the
 * writer down instead of filling memory, and no HTTP thread waits on the client.
 *
 * <ul>
 *   <li>The status is sent only once the writer has written its first chunk (64 KiB) or ended: a
 *   writer that fails before that (a query that fails, an ApiException) still becomes a proper
 *   error reply. One that fails later makes the body end broken (the client sees a cut-off
 *   chunked body, not a short one). A body that ended within its first chunk is sent in one
 *   piece with its length, as a ByteBuffer: platform-http-vertx sends a ByteBuffer straight from
 *   the event loop, while it pumps any other body (a byte[] included) as an InputStream, with a hop
 *   to a worker thread per read.</li>
 *   <li>A client that stops reading for {@code stall} (or leaves) releases the writer: its next
 *   write fails, so it ends and gives back what it holds (a cursor and its connection).</li>
 *   <li>When every writer thread is busy the request gets 503 {@code busy}; a writer that begins
 *   nothing within {@code stall} gets 503 {@code reply_timeout}.</li>
 * </ul>
 * A body its caller knows to be small ({@link #inPlace}: a page of a few items) is written on the
 * request's own thread instead, into memory, and sent in one piece: the writer thread hop and the
 * wait for its first chunk cost more than writing it.
 */
public final class StreamedReplies {
    private final ExecutorService writers;
    private final Semaphore inPlaceWriters;
    private final Duration stall;
    private final String poolSetting;

    /** Writes a reply body; the stream is flushed and closed afterwards. */
    @FunctionalInterface
    public interface BodyWriter {
        void writeTo(OutputStream out) throws Exception;
    }

    /** {@code writerCount} writers in {@code writers} (geoetl.http.stream-writers). */
    public StreamedReplies(ExecutorService writers, int writerCount, Duration stall) {
        this(writers, writerCount, stall, "geoetl.http.stream-writers");
    }

    /**
     * {@code writerCount} writers in {@code writers}, whose size the setting {@code poolSetting}
     * gives (named in the 503); as many small bodies may be written in place at once.
     */
    public StreamedReplies(ExecutorService writers, int writerCount, Duration stall, String poolSetting) {
        this.writers = writers;
        this.inPlaceWriters = new Semaphore(writerCount);
        this.stall = stall;
        this.poolSetting = poolSetting;
    }

    public void stream(Exchange exchange, int status, String contentType, BodyWriter writer) {
        ReplyPipe pipe = new ReplyPipe(stall);
        ReplyPipe.Sink sink = pipe.sink();
        try {
            writers.execute(() -> write(writer, sink));
        } catch (RejectedExecutionException e) {
            throw busy();
        }
        awaitBegin(sink, pipe);
        byte[] whole = pipe.whole();
        reply(exchange, status, contentType, whole != null ? ByteBuffer.wrap(whole) : pipe.source());
    }

    /**
     * A body known to be small (bounded by its caller, e.g. a page of at most a few dozen items):
     * written on the calling thread into memory and sent in one piece with its length. A writer
     * that fails makes the reply an error. At most as many as there are writers run at once
     * (503 busy otherwise), so in-place replies hold no more pooled connections than streamed ones.
     */
    public void inPlace(Exchange exchange, int status, String contentType, BodyWriter writer) {
        if (!inPlaceWriters.tryAcquire()) throw busy();
        InPlaceBody body = new InPlaceBody();
        try {
            writer.writeTo(body);
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e.getMessage(), e);
        } finally {
            inPlaceWriters.release();
        }
        reply(exchange, status, contentType, body.bytes());
    }

    private static void reply(Exchange exchange, int status, String contentType, Object body) {
        Message reply = exchange.getMessage();
        CorsPolicy.keepOnlyResponseHeaders(reply);
        reply.setHeader(Exchange.HTTP_RESPONSE_CODE, status);
        reply.setHeader(Exchange.CONTENT_TYPE, contentType);
        reply.setBody(body);
    }

    private ApiException busy() {
        return new ApiException(503, "busy", "every reply writer is busy (" + poolSetting + "); try again in a moment");
    }

    private void awaitBegin(ReplyPipe.Sink sink, ReplyPipe pipe) {
        try {
            sink.begun().get(stall.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            pipe.abandon();
            throw new ApiException(503, "reply_timeout", "the reply did not begin within " + stall.toSeconds() + " s");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A body written in memory, handed over without a copy. */
    private static final class InPlaceBody extends ByteArrayOutputStream {
        InPlaceBody() {
            super(16 * 1024);
        }

        ByteBuffer bytes() {
            return ByteBuffer.wrap(buf, 0, count).slice();
        }
    }

    private static void write(BodyWriter writer, ReplyPipe.Sink sink) {
        try {
            writer.writeTo(sink);
            sink.close();
        } catch (Throwable e) {
            sink.fail(e);
        }
    }
}
