package io.geoetl.store;

import io.geoetl.jobs.DatabaseFailure;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;

/** A database call failed; unchecked so callers outside the store never handle JDBC types. */
public class StoreException extends DatabaseFailure {
    public StoreException(SQLException cause) {
        super(cause.getMessage(), cause);
    }

    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }

    /**
     * True when the database could not be reached (no connection, server shutting down or
     * restarting) rather than refusing the statement: worth waiting and trying again.
     */
    @Override
    public boolean isUnavailable() {
        for (Throwable cause = getCause(); cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLTransientConnectionException) return true;
            if (cause instanceof SQLException sql && sql.getSQLState() != null
                    && (sql.getSQLState().startsWith("08") || sql.getSQLState().startsWith("57P"))) {
                return true;
            }
        }
        return false;
    }

    /**
     * True when the database refused the data or the statement itself (SQLSTATE classes 22 data
     * exception, 23 integrity violation, 2B dependent objects, 42 syntax/undefined object): running
     * it again cannot succeed. False for connection and resource failures, which may pass.
     */
    public boolean isPermanent() {
        String state = sqlState();
        return state != null && (state.startsWith("22") || state.startsWith("23") || state.startsWith("2B")
                || state.startsWith("42"));
    }

    /** The SQLSTATE of the underlying error, or null. */
    public String sqlState() {
        for (Throwable cause = getCause(); cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLException sql && sql.getSQLState() != null) return sql.getSQLState();
        }
        return null;
    }
}
