package io.geoetl.config;

import java.time.Duration;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Start-up steps that need PostgreSQL or Azure Storage (migrations, creating queues and
 * containers) wait for them instead of failing the start: a router started before its services,
 * or during an outage, comes up once they answer. Gives up after geoetl.startup.wait.
 */
public final class StartupWait {
    private static final Logger LOG = LoggerFactory.getLogger(StartupWait.class);
    private static final long FIRST_PAUSE_MS = 1_000;
    private static final long LONGEST_PAUSE_MS = 10_000;
    private final Duration maxWait;

    public StartupWait(Duration maxWait) {
        this.maxWait = maxWait;
    }

    /** Runs {@code step} until it succeeds, pausing 1 s, 2 s … 10 s between tries. */
    public <T> T until(String what, Supplier<T> step) {
        long deadline = System.nanoTime() + maxWait.toNanos();
        long pause = FIRST_PAUSE_MS;
        while (true) {
            try {
                return step.get();
            } catch (RuntimeException e) {
                if (System.nanoTime() + pause * 1_000_000 > deadline) {
                    throw new IllegalStateException(what + " still failing after " + maxWait.toSeconds()
                            + " s (geoetl.startup.wait): " + e.getMessage(), e);
                }
                LOG.warn("waiting for {}: {} (next try in {} s)", what, firstLine(e), pause / 1000);
                sleep(pause);
                pause = Math.min(pause * 2, LONGEST_PAUSE_MS);
            }
        }
    }

    public void until(String what, Runnable step) {
        until(what, () -> {
            step.run();
            return null;
        });
    }

    private static String firstLine(Throwable e) {
        String message = String.valueOf(e.getMessage());
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for a service at start-up", e);
        }
    }
}
