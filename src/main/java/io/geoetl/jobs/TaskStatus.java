package io.geoetl.jobs;

import java.util.EnumSet;
import java.util.Set;

/**
 * Life cycle of a task. One table of allowed transitions; the store turns each into one
 * conditional UPDATE (… WHERE status = ANY(allowed sources)), so races are settled by the database.
 */
public enum TaskStatus {
    QUEUED, PROCESSING, RETRYING, COMPLETED, FAILED, CANCELLED;

    public String dbName() {
        return name().toLowerCase();
    }

    public boolean isFinal() {
        return this == COMPLETED || this == FAILED || this == CANCELLED;
    }

    /** States a task may be in for it to move to this one. */
    public Set<TaskStatus> allowedSources() {
        return switch (this) {
            case QUEUED -> EnumSet.of(PROCESSING, RETRYING, FAILED, CANCELLED); // requeue / job retry
            case PROCESSING -> EnumSet.of(QUEUED, RETRYING);                   // claim
            case RETRYING, COMPLETED -> EnumSet.of(PROCESSING);
            case FAILED -> EnumSet.of(PROCESSING, QUEUED, RETRYING);
            case CANCELLED -> EnumSet.of(QUEUED, RETRYING, PROCESSING);
        };
    }

    public static TaskStatus of(String dbName) {
        return valueOf(dbName.toUpperCase());
    }
}
