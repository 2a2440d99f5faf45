package io.geoetl.jobs;

import java.time.OffsetDateTime;

/**
 * A task that should have moved on by now: in processing with a stale heartbeat (its worker is
 * gone), or queued/retrying and due but never claimed (its doorbell was lost).
 *
 * @param since      the last heartbeat (processing) or when the task became due (queued, retrying)
 * @param ageSeconds how long ago {@code since} was, by the database clock
 */
public record OverdueTask(
        String taskId,
        String jobId,
        String jobType,
        int stage,
        TaskStatus status,
        int attempt,
        int maxAttempts,
        String claimedBy,
        OffsetDateTime since,
        double ageSeconds) {}
