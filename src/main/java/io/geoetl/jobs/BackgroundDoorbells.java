package io.geoetl.jobs;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Rings doorbells on a bounded executor so that the caller (an HTTP thread answering a
 * submission or a retry) never waits on the queue. The database already holds what the doorbells
 * announce; when the executor's queue is full the doorbells are skipped, and the janitor re-sends
 * those of due tasks nobody claimed (geoetl.janitor.lost-doorbell-after).
 * <p>
 * Doorbells that ring now coalesce: while one such ring waits for an executor thread, another
 * adds nothing to it. A doorbell says "there is work", and the router it wakes claims every due
 * task, the later submission's too (committed before it asked to ring, so before the waiting ring
 * is sent). A burst of submissions thus sends a few doorbells instead of a few per job, and the
 * queue does not compete with the HTTP threads for the CPU.
 */
public final class BackgroundDoorbells implements TaskQueue {
    private static final Logger LOG = LoggerFactory.getLogger(BackgroundDoorbells.class);
    private final TaskQueue queue;
    private final ExecutorService executor;
    private final AtomicLong skipped = new AtomicLong();
    /** A ring without delay is waiting for an executor thread. */
    private final AtomicBoolean immediateWaiting = new AtomicBoolean();

    /** {@code executor} must be bounded (its queue full = rejection), {@code queue} must not throw (see {@link BestEffortDoorbells}). */
    public BackgroundDoorbells(TaskQueue queue, ExecutorService executor) {
        this.queue = queue;
        this.executor = executor;
    }

    @Override
    public void send(List<TaskMessage> messages, Duration delay) {
        if (messages.isEmpty()) return;
        List<TaskMessage> batch = List.copyOf(messages);
        boolean immediate = delay.isZero();
        if (immediate && !immediateWaiting.compareAndSet(false, true)) {
            return; // the waiting ring announces this work too
        }
        try {
            executor.execute(() -> {
                if (immediate) immediateWaiting.set(false); // from here on, a new submission needs a ring of its own
                queue.send(batch, delay);
            });
        } catch (RejectedExecutionException e) {
            if (immediate) immediateWaiting.set(false);
            long total = skipped.addAndGet(batch.size());
            LOG.warn("{} doorbell(s) skipped, the doorbell executor is full ({} skipped so far); the janitor will re-send them",
                    batch.size(), total);
        }
    }

    /** Doorbells skipped since start because the executor was full. */
    public long skipped() {
        return skipped.get();
    }
}
