package io.geoetl.vector;

import java.util.concurrent.Semaphore;
import java.util.function.Supplier;

/**
 * The index builds this router runs at once, over all finalizes: each holds one pooled database
 * connection for as long as its CREATE INDEX runs, so their number is bounded by what the pool has
 * beyond the orchestration's own needs (one connection per worker, plus the claimer, the heartbeat
 * thread and the janitor). Claims and heartbeats then never wait behind index builds.
 */
final class IndexBuildSlots {
    /** Connections the orchestration needs besides one per worker: the claimer, the heartbeats, the janitor. */
    static final int ORCHESTRATION_CONNECTIONS = 3;
    private final Semaphore slots;

    IndexBuildSlots(int size) {
        if (size < 1) throw new IllegalArgumentException("index build slots must be at least 1, not " + size);
        this.slots = new Semaphore(size, true);
    }

    /** The slots a pool of {@code poolSize} leaves: pool size − (workers + claimer + heartbeats + janitor), at least 1. */
    static int sizeFor(int poolSize, int workers) {
        return Math.max(1, poolSize - workers - ORCHESTRATION_CONNECTIONS);
    }

    /** Runs {@code build} once a slot is free. */
    <T> T run(Supplier<T> build) {
        try {
            slots.acquire();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for an index build slot", e);
        }
        try {
            return build.get();
        } finally {
            slots.release();
        }
    }
}
