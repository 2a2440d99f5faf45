package io.geoetl.jobs;

import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Moves done stages on (plans the next stage or finishes the job) on a thread of its own. Planning
 * a stage inserts up to thousands of tasks and rings doorbells on the queue: done on the
 * completer's thread, it held up every completion of the router behind it (a burst of 401 jobs
 * stalled for minutes). A stage handed over again before its move started is moved once; the
 * waiting set holds at most one entry per live stage, so it needs no other bound. A move that
 * fails, or one still waiting when the router stops, is made by the janitor (moveStuckJobs).
 */
final class StageMoves implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(StageMoves.class);
    private final Consumer<JobStage> move;
    private final Set<JobStage> waiting = ConcurrentHashMap.newKeySet();
    private final BlockingQueue<JobStage> queue = new LinkedBlockingQueue<>();
    private final Thread mover;
    private volatile boolean stopped;

    StageMoves(Consumer<JobStage> move) {
        this.move = move;
        this.mover = new Thread(this::loop, "geoetl-stage-mover");
        mover.setDaemon(true);
        mover.start();
    }

    /** Every task of {@code stage} is finished: move it on soon. */
    void add(JobStage stage) {
        if (waiting.add(stage)) queue.add(stage);
    }

    private void loop() {
        while (!stopped) {
            JobStage stage;
            try {
                stage = queue.take();
            } catch (InterruptedException e) {
                return;
            }
            waiting.remove(stage); // from here on a new hand-over queues it again; moving a moved stage changes nothing
            try {
                move.accept(stage);
            } catch (RuntimeException e) {
                LOG.warn("job {}: moving on from stage {} failed: {}; the janitor moves it on", stage.jobId(), stage.stage(),
                        TaskWorker.describe(e));
            }
        }
    }

    @Override
    public void close() {
        stopped = true;
        mover.interrupt();
    }
}
