package io.geoetl.jobs;

import java.util.concurrent.TimeUnit;

/**
 * Counts the submissions being answered now, so that work that can wait (planning accepted jobs,
 * and through it the tasks they feed) lets a burst of submissions be answered first.
 */
final class SubmissionsInFlight {
    private int running;

    synchronized void begin() {
        running++;
    }

    synchronized void end() {
        if (--running == 0) notifyAll();
    }

    /** Waits until no submission is being answered, or until {@code deadlineNanos} ({@link System#nanoTime()}) passed. */
    synchronized void awaitNone(long deadlineNanos) throws InterruptedException {
        long left;
        while (running > 0 && (left = deadlineNanos - System.nanoTime()) > 0) {
            TimeUnit.NANOSECONDS.timedWait(this, left);
        }
    }
}
