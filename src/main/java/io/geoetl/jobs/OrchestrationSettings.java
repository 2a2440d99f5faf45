package io.geoetl.jobs;

import java.time.Duration;

/**
 * How tasks are retried and watched.
 *
 * @param maxAttempts       attempts per task before it fails (retries = maxAttempts - 1)
 * @param backoffBase       delay before the first retry; doubles with every attempt
 * @param backoffCap        longest delay between attempts
 * @param heartbeatInterval how often a running task refreshes heartbeat_at
 * @param workerId          this router's name in claimed_by and in the event history
 */
public record OrchestrationSettings(int maxAttempts, Duration backoffBase, Duration backoffCap,
                                    Duration heartbeatInterval, String workerId) {

    /** Exponential backoff: base x 2^(attempt-1), capped. */
    public Duration retryDelay(int attemptThatFailed) {
        int doublings = Math.max(0, Math.min(attemptThatFailed - 1, 30));
        Duration delay = backoffBase.multipliedBy(1L << doublings);
        return delay.compareTo(backoffCap) > 0 ? backoffCap : delay;
    }
}
