package io.geoetl.jobs;

/** Life cycle of a job: queued → processing → completed | failed | completed_with_errors. */
public enum JobStatus {
    QUEUED, PROCESSING, COMPLETED, FAILED, COMPLETED_WITH_ERRORS;

    public String dbName() {
        return name().toLowerCase();
    }

    public boolean isFinal() {
        return this == COMPLETED || this == FAILED || this == COMPLETED_WITH_ERRORS;
    }

    public static JobStatus of(String dbName) {
        return valueOf(dbName.toUpperCase());
    }
}
