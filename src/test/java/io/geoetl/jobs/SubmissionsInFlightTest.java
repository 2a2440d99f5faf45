package io.geoetl.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Submissions run at most geoetl.jobs.submission-concurrency at once; planning waits for a quiet moment after a burst. */
class SubmissionsInFlightTest {
    private static final Duration QUIET = Duration.ofMillis(300);

    @Test
    void atMostTheConcurrencyRunAtOnceAndTheOthersFollow() throws Exception {
        SubmissionsInFlight submissions = new SubmissionsInFlight(2, QUIET);
        AtomicInteger running = new AtomicInteger();
        AtomicInteger mostAtOnce = new AtomicInteger();
        CountDownLatch release = new CountDownLatch(1);
        ExecutorService clients = Executors.newFixedThreadPool(6);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                done.add(clients.submit(() -> {
                    submissions.begin();
                    try {
                        mostAtOnce.accumulateAndGet(running.incrementAndGet(), Math::max);
                        release.await();
                        running.decrementAndGet();
                    } finally {
                        submissions.end();
                    }
                    return null;
                }));
            }
            while (running.get() < 2) Thread.onSpinWait();
            Thread.sleep(200); // the four others had time to pass, and must not
            assertThat(running.get()).as("submissions running while two hold the places").isEqualTo(2);
            release.countDown();
            for (Future<?> each : done) each.get(10, TimeUnit.SECONDS);
            assertThat(mostAtOnce.get()).isEqualTo(2);
        } finally {
            clients.shutdownNow();
        }
    }

    @Test
    void planningWaitsWhileASubmissionRunsAndForTheQuietAfterIt() throws Exception {
        SubmissionsInFlight submissions = new SubmissionsInFlight(4, QUIET);
        submissions.begin();
        long start = System.nanoTime();
        submissions.awaitQuiet(start + Duration.ofMillis(400).toNanos());
        assertThat(Duration.ofNanos(System.nanoTime() - start)).as("waited for the deadline while one ran")
                .isGreaterThanOrEqualTo(Duration.ofMillis(400));

        submissions.end();
        long ended = System.nanoTime();
        submissions.awaitQuiet(ended + Duration.ofSeconds(30).toNanos());
        assertThat(Duration.ofNanos(System.nanoTime() - ended)).as("waited for the quiet after the last one")
                .isGreaterThanOrEqualTo(QUIET).isLessThan(Duration.ofSeconds(30));
    }

    @Test
    void aRouterThatHasAnsweredNoSubmissionPlansAtOnce() throws Exception {
        SubmissionsInFlight submissions = new SubmissionsInFlight(4, QUIET);
        long start = System.nanoTime();
        submissions.awaitQuiet(start + Duration.ofSeconds(30).toNanos());
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(QUIET);
    }
}
