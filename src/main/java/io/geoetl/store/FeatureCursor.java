package io.geoetl.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * Features read one row at a time from a server-side cursor (rows fetched in batches, never a
 * whole page in the heap). Holds a pooled connection until {@link #close}, which it does by
 * itself once the last row has been read.
 */
public final class FeatureCursor implements AutoCloseable {
    private final Connection connection;
    private final PreparedStatement statement;
    private final ResultSet rows;
    private boolean closed;

    FeatureCursor(Connection connection, PreparedStatement statement, ResultSet rows) {
        this.connection = connection;
        this.statement = statement;
        this.rows = rows;
    }

    /** Moves to the next feature; false (and closed) after the last one. */
    public boolean next() {
        if (closed) return false;
        try {
            if (rows.next()) return true;
        } catch (SQLException e) {
            close();
            throw new StoreException(e);
        }
        close();
        return false;
    }

    /** The current feature's key. */
    public long id() {
        try {
            return rows.getLong(1);
        } catch (SQLException e) {
            throw new StoreException(e);
        }
    }

    /** The current feature as a GeoJSON Feature (geometry in CRS84). */
    public String json() {
        try {
            return rows.getString(2);
        } catch (SQLException e) {
            throw new StoreException(e);
        }
    }

    @Override
    public void close() {
        if (closed) return;
        closed = true;
        try (connection; statement; rows) {
            connection.rollback();
        } catch (SQLException e) {
            throw new StoreException(e);
        }
    }
}
