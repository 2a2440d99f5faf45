package io.geoetl.features;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Closes pages that nobody reads any more. A page holds a database cursor and a pooled connection
 * while the HTTP server writes it; a client that stays connected but stops reading would hold
 * them forever (the server only reads the page as fast as the client takes it). A page not read
 * for geoetl.features.stall-timeout is closed, its cursor released, and its response ends there.
 */
final class StalledPages implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(StalledPages.class);
    private final long timeoutNanos;
    private final Set<FeatureCollectionStream> open = ConcurrentHashMap.newKeySet();
    private final ScheduledExecutorService sweeper;

    StalledPages(Duration timeout) {
        this.timeoutNanos = timeout.toNanos();
        long period = Math.max(100, timeout.toMillis() / 4);
        sweeper = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "features-stalled-pages");
            thread.setDaemon(true);
            return thread;
        });
        sweeper.scheduleWithFixedDelay(this::sweep, period, period, TimeUnit.MILLISECONDS);
    }

    void watch(FeatureCollectionStream page) {
        open.add(page);
    }

    private void sweep() {
        long now = System.nanoTime();
        for (FeatureCollectionStream page : open) {
            if (page.isClosed()) {
                open.remove(page);
            } else if (now - page.lastReadNanos() > timeoutNanos) {
                LOG.warn("closing a page of features its client stopped reading {} s ago", (now - page.lastReadNanos()) / 1_000_000_000L);
                page.close();
                open.remove(page);
            }
        }
    }

    @Override
    public void close() {
        sweeper.shutdownNow();
    }
}
