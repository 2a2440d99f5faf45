package io.geoetl.ops;

import java.util.List;

/**
 * What one janitor sweep did.
 *
 * @param swept   false when another router held the janitor lock (it sweeps instead)
 * @param actions one entry per repair, in the order they were made
 */
public record JanitorReport(boolean swept, List<Action> actions) {

    /**
     * One repair.
     *
     * @param kind   task_requeued, task_failed, doorbell_resent, stage_advanced or job_closed
     * @param taskId null for job-level repairs
     */
    public record Action(String kind, String jobId, String taskId, String detail) {}

    static JanitorReport skipped() {
        return new JanitorReport(false, List.of());
    }
}
