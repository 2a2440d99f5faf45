package io.geoetl.jobs;

import java.time.OffsetDateTime;

/** One transition of a job or one of its tasks (task_id null for job-level events). */
public record JobEvent(
        long eventId,
        String jobId,
        String taskId,
        String fromStatus,
        String toStatus,
        Integer attempt,
        String actor,
        String reason,
        OffsetDateTime createdAt) {

    /** A new event before it is stored. */
    public static JobEvent of(String jobId, String taskId, String from, String to, Integer attempt, String actor, String reason) {
        return new JobEvent(0, jobId, taskId, from, to, attempt, actor, reason, null);
    }
}
