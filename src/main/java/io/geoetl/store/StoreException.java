package io.geoetl.store;

import java.sql.SQLException;

/** A database call failed; unchecked so callers outside the store never handle JDBC types. */
public class StoreException extends RuntimeException {
    public StoreException(SQLException cause) {
        super(cause.getMessage(), cause);
    }

    public StoreException(String message, Throwable cause) {
        super(message, cause);
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
