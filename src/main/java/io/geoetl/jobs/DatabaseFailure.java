package io.geoetl.jobs;

/**
 * A database call failed. The store throws a subclass; the orchestration only needs to know
 * whether the database could not be reached (worth waiting for) or refused the work.
 */
public abstract class DatabaseFailure extends RuntimeException {
    protected DatabaseFailure(String message, Throwable cause) {
        super(message, cause);
    }

    /** True when the database could not be reached (no connection, shutting down, restarting). */
    public abstract boolean isUnavailable();

    /** True when {@code error} is a failure to reach the database. */
    public static boolean isUnavailable(Throwable error) {
        return error instanceof DatabaseFailure failure && failure.isUnavailable();
    }
}
