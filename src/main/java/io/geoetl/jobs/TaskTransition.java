package io.geoetl.jobs;

import static io.geoetl.jobs.TaskStatus.CANCELLED;
import static io.geoetl.jobs.TaskStatus.COMPLETED;
import static io.geoetl.jobs.TaskStatus.FAILED;
import static io.geoetl.jobs.TaskStatus.PROCESSING;
import static io.geoetl.jobs.TaskStatus.QUEUED;
import static io.geoetl.jobs.TaskStatus.RETRYING;

import java.util.EnumSet;
import java.util.Set;

/**
 * The one table of task transitions: each named change, the state it leads to and the states it
 * may start from. The store turns each into one conditional UPDATE (… WHERE status = ANY(sources)),
 * so no SQL names its own source states.
 */
public enum TaskTransition {
    CLAIM(PROCESSING, QUEUED, RETRYING),
    COMPLETE(COMPLETED, PROCESSING),
    SCHEDULE_RETRY(RETRYING, PROCESSING),
    FAIL(FAILED, PROCESSING),
    /** a stopping router hands its running task back */
    RELEASE(QUEUED, PROCESSING),
    /** a waiting task whose doorbell is poison */
    FAIL_WAITING(FAILED, QUEUED, RETRYING),
    /** the job failed */
    CANCEL(CANCELLED, QUEUED, RETRYING, PROCESSING),
    /** a retried job runs its failed and cancelled tasks again */
    REQUEUE_UNSUCCESSFUL(QUEUED, FAILED, CANCELLED),
    /** the janitor: a worker stopped sending heartbeats, attempts left */
    REQUEUE_STALE(QUEUED, PROCESSING),
    /** the janitor: a worker stopped sending heartbeats, no attempts left */
    FAIL_STALE(FAILED, PROCESSING);

    private final TaskStatus target;
    private final Set<TaskStatus> sources;

    TaskTransition(TaskStatus target, TaskStatus first, TaskStatus... rest) {
        this.target = target;
        this.sources = EnumSet.of(first, rest);
    }

    public TaskStatus target() {
        return target;
    }

    /** The states a task may be in for this transition to apply. */
    public Set<TaskStatus> sources() {
        return EnumSet.copyOf(sources);
    }

    /** The sources as database names, for {@code status = any(?)}. */
    public String[] sourceNames() {
        return sources.stream().map(TaskStatus::dbName).toArray(String[]::new);
    }
}
