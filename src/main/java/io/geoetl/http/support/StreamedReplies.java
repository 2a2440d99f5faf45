package io.geoetl.http.support;

import java.io.OutputStream;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
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
 *   piece with its length (platform-http-vertx reads an InputStream body with a hop to a worker
 *   thread per read; small pages, the common case, skip that).</li>
 *   <li>A client that stops reading for {@code stall} (or leaves) releases the writer: its next
 *   write fails, so it ends and gives back what it holds (a cursor and its connection).</li>
 *   <li>When every writer thread is busy the request gets 503 {@code busy}; a writer that begins
 *   nothing within {@code stall} gets 503 {@code reply_timeout}.</li>
 * </ul>
 */
public final class StreamedReplies {
    private final ExecutorService writers;
    private final Duration stall;
    private final String poolSetting;

    /** Writes a reply body; the stream is flushed and closed afterwards. */
    @FunctionalInterface
    public interface BodyWriter {
        void writeTo(OutputStream out) throws Exception;
    }

    public StreamedReplies(ExecutorService writers, Duration stall) {
        this(writers, stall, "geoetl.http.stream-writers");
    }

    /** Writers from {@code writers}, whose size the setting {@code poolSetting} gives (named in the 503). */
    public StreamedReplies(ExecutorService writers, Duration stall, String poolSetting) {
        this.writers = writers;
        this.stall = stall;
        this.poolSetting = poolSetting;
    }

    public void stream(Exchange exchange, int status, String contentType, BodyWriter writer) {
        ReplyPipe pipe = new ReplyPipe(stall);
        ReplyPipe.Sink sink = pipe.sink();
        try {
            writers.execute(() -> write(writer, sink));
        } catch (RejectedExecutionException e) {
            throw new ApiException(503, "busy", "every reply writer is busy (" + poolSetting + "); try again in a moment");
        }
        awaitBegin(sink, pipe);
        Message reply = exchange.getMessage();
        reply.removeHeaders("*", CorsPolicy.RESPONSE_HEADERS);
        reply.setHeader(Exchange.HTTP_RESPONSE_CODE, status);
        reply.setHeader(Exchange.CONTENT_TYPE, contentType);
        byte[] whole = pipe.whole();
        reply.setBody(whole != null ? whole : pipe.source());
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

    private static void write(BodyWriter writer, ReplyPipe.Sink sink) {
        try {
            writer.writeTo(sink);
            sink.close();
        } catch (Throwable e) {
            sink.fail(e);
        }
    }
}
