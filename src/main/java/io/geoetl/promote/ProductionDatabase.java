package io.geoetl.promote;

import io.geoetl.store.Database;

/**
 * The production database, migrated on first use rather than at start-up, so a router whose
 * production side is down (or not used) still starts and serves everything else.
 */
final class ProductionDatabase {
    private final Database database;
    private final boolean migrate;
    private volatile boolean ready;

    ProductionDatabase(Database database, boolean migrate) {
        this.database = database;
        this.migrate = migrate;
    }

    Database ready() {
        if (!ready) {
            synchronized (this) {
                if (!ready) {
                    if (migrate) database.migrate();
                    ready = true;
                }
            }
        }
        return database;
    }
}
