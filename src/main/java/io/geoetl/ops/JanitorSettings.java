package io.geoetl.ops;

import java.time.Duration;

/**
 * How the janitor judges tasks (geoetl.janitor.* in config/application.properties).
 *
 * @param staleAfter        a task in processing whose heartbeat is older than this lost its worker
 * @param lostDoorbellAfter a queued/retrying task due for longer than this without a claim lost its doorbell
 * @param unplannedAfter    a queued job accepted longer ago than this without any task was never planned
 * @param batchSize         at most this many repairs of each kind per sweep
 * @param runsKept          records of sweeps (app.janitor_runs) older than this are removed
 */
public record JanitorSettings(Duration staleAfter, Duration lostDoorbellAfter, Duration unplannedAfter, int batchSize,
                              Duration runsKept) {

    /** A heartbeat interval this close to the staleness limit would have live tasks requeued. */
    public JanitorSettings requireMargin(Duration heartbeatInterval) {
        if (staleAfter.compareTo(heartbeatInterval.multipliedBy(3)) < 0) {
            throw new IllegalStateException("geoetl.janitor.stale-after (" + staleAfter + ") must be at least three "
                    + "geoetl.tasks.heartbeat-interval (" + heartbeatInterval + "), or live tasks would be taken for dead");
        }
        return this;
    }
}
