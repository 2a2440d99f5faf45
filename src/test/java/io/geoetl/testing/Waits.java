package io.geoetl.testing;

import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/** Polls until a condition holds; fails with a description (and the last value seen) otherwise. */
public final class Waits {
    private Waits() {}

    public static void until(String what, Duration timeout, BooleanSupplier condition) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (condition.getAsBoolean()) return;
            sleep(200);
        }
        throw new AssertionError("not within " + timeout + ": " + what);
    }

    /** Polls {@code value} until {@code done} accepts it, returning it. */
    public static <T> T until(String what, Duration timeout, Supplier<T> value, java.util.function.Predicate<T> done) {
        long deadline = System.nanoTime() + timeout.toNanos();
        T last = null;
        while (System.nanoTime() < deadline) {
            last = value.get();
            if (done.test(last)) return last;
            sleep(200);
        }
        throw new AssertionError("not within " + timeout + ": " + what + "; last seen: " + last);
    }

    public static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
