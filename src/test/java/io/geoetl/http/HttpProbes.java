package io.geoetl.http;

import io.geoetl.http.support.HttpLinks;
import io.geoetl.http.support.HttpReplies;
import io.geoetl.http.support.StreamedReplies;
import io.geoetl.jobs.Json;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.camel.Exchange;

/** The beans of the test-only routes in test-routes/http-probes.yaml. */
public final class HttpProbes {
    /** Bytes the streamed reply has written so far. */
    static final AtomicLong STREAMED = new AtomicLong();
    /** The streamed reply writes its first MiB, then waits for this before writing the rest. */
    static volatile CountDownLatch streamGate = new CountDownLatch(0);
    static final int MIB = 1024 * 1024;

    public void ok(Exchange exchange) {
        HttpReplies.json(exchange, 200, Json.object().put("ok", true));
    }

    /** A link to /api/jobs as the API packages build it, in application/geo+json to show the media type. */
    public void links(Exchange exchange) {
        HttpLinks links = exchange.getContext().getRegistry().lookupByNameAndType("httpLinks", HttpLinks.class);
        HttpReplies.json(exchange, 200, "application/geo+json", Json.object().put("href", links.href(exchange.getIn(), "/api/jobs")));
    }

    /** Holds its thread for ?millis= (default 3000). */
    public void slow(Exchange exchange) throws InterruptedException {
        Thread.sleep(exchange.getIn().getHeader("millis", 3000, Integer.class));
        HttpReplies.json(exchange, 200, Json.object().put("slept", true));
    }

    /** ?mib= MiB of 'x', written as the client reads them. */
    public void stream(Exchange exchange) {
        int mib = exchange.getIn().getHeader("mib", 4, Integer.class);
        StreamedReplies replies = exchange.getContext().getRegistry().lookupByNameAndType("streamedReplies", StreamedReplies.class);
        STREAMED.set(0);
        CountDownLatch gate = streamGate;
        replies.stream(exchange, 200, "application/octet-stream", out -> {
            byte[] block = new byte[64 * 1024];
            java.util.Arrays.fill(block, (byte) 'x');
            for (long written = 0; written < (long) mib * MIB; written += block.length) {
                if (written == MIB && !gate.await(30, TimeUnit.SECONDS)) throw new IllegalStateException("gate never opened");
                out.write(block);
                STREAMED.addAndGet(block.length);
            }
        });
    }
}
