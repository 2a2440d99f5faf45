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
}
