package io.geoetl.jobs;

import java.time.Duration;

/** What the orchestration counts (Prometheus at /api/metrics); {@link #NONE} counts nothing. */
public interface JobMetrics {

    /** One attempt of a task ended: completed, retrying, failed, claim_lost or released. */
    void taskEnded(String jobType, String taskType, String outcome, Duration took);

    /** A job reached a final status (completed, failed, completed_with_errors). */
    void jobEnded(String jobType, String status);

    /** A failed job was started again (retry endpoint or resubmission). */
    void jobRetried(String jobType);

    /** Calls to the task queue: {@code send} (one per doorbell), {@code receive} (one per poll), {@code delete} (one per doorbell handled). */
    default void taskQueueOperations(String operation, int count) {}

    JobMetrics NONE = new JobMetrics() {
        @Override
        public void taskEnded(String jobType, String taskType, String outcome, Duration took) {}

        @Override
        public void jobEnded(String jobType, String status) {}

        @Override
        public void jobRetried(String jobType) {}
    };
}
