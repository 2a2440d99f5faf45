package io.geoetl.jobs;

import java.util.EnumSet;
import java.util.Set;

/**
 * Life cycle of a task. The allowed changes are one table, {@link TaskTransition}; the store turns
 * each into one conditional UPDATE (… WHERE status = ANY(its sources)), so races are settled by the database.
 */
public enum TaskStatus {
    QUEUED, PROCESSING, RETRYING, COMPLETED, FAILED, CANCELLED;

    public String dbName() {
        return name().toLowerCase();
    }

    public boolean isFinal() {
        return this == COMPLETED || this == FAILED || this == CANCELLED;
    }

    /** States a task may be in for it to move to this one: every {@link TaskTransition} into it. */
    public Set<TaskStatus> allowedSources() {
        Set<TaskStatus> sources = EnumSet.noneOf(TaskStatus.class);
        for (TaskTransition transition : TaskTransition.values()) {
            if (transition.target() == this) sources.addAll(transition.sources());
        }
        return sources;
    }

    public static TaskStatus of(String dbName) {
        return valueOf(dbName.toUpperCase());
    }
}
