package io.geoetl.jobs;

import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * Bounds the submissions that run at once, in their order of arrival: the others wait blocked, so
 * that 32 clients are not 32 runnable threads sharing two cores with the event loop that reads and
 * writes every request (the replies, /api/health/live too, would wait for it). Counts the
 * submissions being answered now, and when the last one ended, so that work that can
 * wait (planning accepted jobs, and through it the tasks they feed) lets a burst of submissions be
 * answered first. Only the service call of a submission is counted; its HTTP part (reading,
 * routing, writing the reply) is not, so between two submissions of one client the count touches
 * zero. A burst is therefore over only after {@code quiet} with none.
 */
final class SubmissionsInFlight {
    private final long quietNanos;
    private final Semaphore running;
    private int inFlight;
    private long lastEndNanos;
    private boolean anyEnded;

    /**
     * {@code concurrency}: submissions that run at once; {@code quiet}: how long no submission may
     * have run before the burst counts as answered.
     */
    SubmissionsInFlight(int concurrency, Duration quiet) {
        if (concurrency < 1) throw new IllegalArgumentException("geoetl.jobs.submission-concurrency must be at least 1, got " + concurrency);
        if (quiet.isNegative()) throw new IllegalArgumentException("geoetl.jobs.planning-quiet must not be negative, got " + quiet);
        this.running = new Semaphore(concurrency, true);
        this.quietNanos = quiet.toNanos();
    }

    /** Counts a submission in, once one of the places to run it is free; pair with {@link #end()}. */
    void begin() {
        synchronized (this) {
            inFlight++;
        }
        running.acquireUninterruptibly();
    }

    void end() {
        running.release();
        synchronized (this) {
            inFlight--;
            lastEndNanos = System.nanoTime();
            anyEnded = true;
            if (inFlight == 0) notifyAll();
        }
    }

    /**
     * Waits until no submission has run for {@code quiet}, or until {@code deadlineNanos}
     * ({@link System#nanoTime()}) passed.
     */
    synchronized void awaitQuiet(long deadlineNanos) throws InterruptedException {
        while (true) {
            long now = System.nanoTime();
            long left = deadlineNanos - now;
            if (left <= 0) return;
            if (inFlight == 0) {
                long quietLeft = anyEnded ? lastEndNanos + quietNanos - now : 0;
                if (quietLeft <= 0) return;
                left = Math.min(left, quietLeft);
            }
            TimeUnit.NANOSECONDS.timedWait(this, left);
        }
    }
}
