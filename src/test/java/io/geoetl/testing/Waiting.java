package io.geoetl.testing;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/** Waits for an outcome (never asserts on how long it took); fails naming what did not happen. */
public final class Waiting {
    private Waiting() {}

    public static void until(String what, Duration timeout, BooleanSupplier done) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (done.getAsBoolean()) return;
            Api.sleep(200);
        }
        throw new AssertionError(what + " did not happen within " + timeout);
    }
}
