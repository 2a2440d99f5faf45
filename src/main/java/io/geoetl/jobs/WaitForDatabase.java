package io.geoetl.jobs;

import java.time.Duration;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs database work again while the database cannot be reached (restart, failover, network),
 * up to {@code maxWait}, pausing 0.5 s, 1 s, 2 s … 10 s between tries. Other database errors
 * and an outage longer than {@code maxWait} are thrown as they are.
 */
public final class WaitForDatabase {
    private static final Logger LOG = LoggerFactory.getLogger(WaitForDatabase.class);
    private static final long FIRST_PAUSE_MS = 500;
    private static final long LONGEST_PAUSE_MS = 10_000;
    private final Duration maxWait;

    public WaitForDatabase(Duration maxWait) {
        this.maxWait = maxWait;
    }

    public <T> T call(String what, Supplier<T> work) {
        long deadline = System.nanoTime() + maxWait.toNanos();
        long pause = FIRST_PAUSE_MS;
        while (true) {
            try {
                return work.get();
            } catch (DatabaseFailure e) {
                if (!e.isUnavailable() || System.nanoTime() + pause * 1_000_000 > deadline) throw e;
                LOG.warn("{}: database unavailable ({}); trying again in {} ms", what, e.getMessage(), pause);
                sleep(pause, e);
                pause = Math.min(pause * 2, LONGEST_PAUSE_MS);
            }
        }
    }

    private static void sleep(long millis, DatabaseFailure cause) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw cause;
        }
    }
}
