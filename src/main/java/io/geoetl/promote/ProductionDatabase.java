package io.geoetl.promote;

import io.geoetl.store.Database;
import java.util.function.Supplier;

/**
 * The production database, opened and migrated on first use rather than at start-up, so a router
 * whose production side is down (or never used) still starts, serves everything else and holds
 * no production connections. Closed when the router stops (unless it is the staging pool itself).
 */
final class ProductionDatabase implements AutoCloseable {
    private final Supplier<Database> opener;
    private final boolean migrate;
    private final boolean owned;
    private Database database;
    private boolean closed;

    /** {@code owned}: this object opened the pool and closes it; false when production is the staging pool. */
    ProductionDatabase(Supplier<Database> opener, boolean migrate, boolean owned) {
        this.opener = opener;
        this.migrate = migrate;
        this.owned = owned;
    }

    synchronized Database ready() {
        if (closed) throw new IllegalStateException("the router is stopping: the production database is closed");
        if (database == null) {
            Database opened = opener.get();
            try {
                if (migrate) opened.migrate();
            } catch (RuntimeException e) {
                if (owned) opened.close();
                throw e;
            }
            database = opened;
        }
        return database;
    }

    @Override
    public synchronized void close() {
        closed = true;
        if (database != null && owned) database.close();
        database = null;
    }
}
