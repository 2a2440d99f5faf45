package io.geoetl.jobs;

import java.time.Duration;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Plans the first stage of accepted jobs on a thread of its own. A submission answers once its job
 * row is committed (status queued, no task yet); inserting up to thousands of task rows on the HTTP
 * thread made every submission of a burst wait behind the others' plans. While submissions are
 * being answered the planner waits (a job at most {@code maxDelay} after it was accepted): the
 * burst is answered first, and only then do its task rows and the tasks they feed take the CPU
 * (see {@link SubmissionsInFlight} for when a burst counts as answered).
 * Planning is idempotent
 * ({@link JobProgression#planFirstStage}): a job planned already is left as it is. A job that finds
 * no room in the backlog, whose planning fails, or that still waits when the router stops is
 * planned by the janitor (geoetl.janitor.unplanned-after).
 */
final class FirstStagePlanner implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(FirstStagePlanner.class);
    private final OrchestrationDatabase db;
    private final JobProgression progression;
    private final TaskQueue doorbells;
    private final SubmissionsInFlight submissions;
    private final long maxDelayNanos;
    private final BlockingQueue<Accepted> waiting;
    private final AtomicLong skipped = new AtomicLong();
    private final Thread planner;
    private volatile boolean stopped;

    private record Accepted(String jobId, String actor, long acceptedNanos) {}

    /** {@code doorbells} must not block (see {@link BackgroundDoorbells}); at most {@code backlog} jobs wait. */
    FirstStagePlanner(OrchestrationDatabase db, JobProgression progression, TaskQueue doorbells, SubmissionsInFlight submissions,
                      Duration maxDelay, int backlog) {
        if (backlog < 1) throw new IllegalArgumentException("geoetl.jobs.planning-backlog must be at least 1, got " + backlog);
        this.db = db;
        this.progression = progression;
        this.doorbells = doorbells;
        this.submissions = submissions;
        this.maxDelayNanos = maxDelay.toNanos();
        this.waiting = new ArrayBlockingQueue<>(backlog);
        this.planner = new Thread(this::loop, "geoetl-first-stages");
        planner.setDaemon(true);
        planner.start();
    }

    /** {@code jobId} was just accepted (committed) on behalf of {@code actor}: plan its first stage soon. */
    void plan(String jobId, String actor) {
        if (!waiting.offer(new Accepted(jobId, actor, System.nanoTime()))) {
            LOG.warn("job {}: the planning backlog is full ({} skipped so far); the janitor plans its first stage", jobId,
                    skipped.incrementAndGet());
        }
    }

    private void loop() {
        while (!stopped) {
            Accepted accepted;
            try {
                accepted = waiting.take();
                submissions.awaitQuiet(accepted.acceptedNanos() + maxDelayNanos);
            } catch (InterruptedException e) {
                return;
            }
            try {
                doorbells.send(db.inTransaction(tx -> progression.planFirstStage(tx, accepted.jobId(), accepted.actor())), Duration.ZERO);
            } catch (RuntimeException e) {
                LOG.warn("job {}: planning its first stage failed: {}; the janitor plans it", accepted.jobId(), TaskWorker.describe(e));
            }
        }
    }

    @Override
    public void close() {
        stopped = true;
        planner.interrupt();
    }
}
