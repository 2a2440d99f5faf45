package io.geoetl.testing;

import io.geoetl.jobs.TaskMessage;
import io.geoetl.jobs.TaskQueue;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A fault injector around the real task queue: every doorbell is sent three times, the copies of
 * one fan-out shuffled together, the second and third copy of each held back by a random 0-3 s,
 * so tasks see duplicates before, during and after they run, in no particular order.
 * Plug it in with {@code RunningRouter.builder().decorateTaskQueue(TripleDelivery::new)}.
 */
public final class TripleDelivery implements TaskQueue {
    private static final int COPIES = 3;
    private final TaskQueue queue;
    private final Random random;
    private final AtomicLong sent = new AtomicLong();

    public TripleDelivery(TaskQueue queue) {
        this(queue, new Random(20261129L));
    }

    public TripleDelivery(TaskQueue queue, Random random) {
        this.queue = queue;
        this.random = random;
    }

    @Override
    public void send(List<TaskMessage> messages, Duration delay) {
        List<Runnable> sends = new ArrayList<>();
        synchronized (random) {
            for (TaskMessage message : messages) {
                for (int copy = 0; copy < COPIES; copy++) {
                    Duration extra = copy == 0 ? Duration.ZERO : Duration.ofMillis(random.nextInt(3000));
                    sends.add(() -> queue.send(List.of(message), delay.plus(extra)));
                }
            }
            Collections.shuffle(sends, random);
        }
        sends.forEach(Runnable::run);
        sent.addAndGet((long) messages.size() * COPIES);
    }

    /** Messages actually put on the queue so far (three per doorbell). */
    public long sent() {
        return sent.get();
    }
}
