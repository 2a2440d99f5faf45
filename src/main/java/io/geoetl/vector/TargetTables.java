package io.geoetl.vector;

import io.geoetl.jobs.ConflictException;
import io.geoetl.store.Tx;

/**
 * The rule for existing tables under the names an ingest may publish (the table, or its
 * _point/_line/_polygon family tables): without overwrite they are a conflict; with overwrite
 * they are replaced only when geoetl made them (they have a catalog row), so an ingest can
 * never drop a table it does not own.
 */
final class TargetTables {
    private TargetTables() {}

    /** Throws {@link ConflictException} when the ingest may not publish as asked. */
    static void check(Tx tx, IngestParameters p) {
        for (String table : p.possibleTables()) {
            if (!tx.vectorTables().exists(p.schema(), table)) continue;
            if (!p.overwrite()) {
                throw new ConflictException("table_exists", "table " + p.schema() + "." + table
                        + " already exists; submit with \"overwrite\": true to replace it, or choose another table_name");
            }
            if (!tx.catalog().contains(p.schema(), table)) {
                throw new ConflictException("table_not_managed", "table " + p.schema() + "." + table
                        + " exists but was not created by geoetl (no geo.table_catalog row), so it is never overwritten; "
                        + "choose another table_name or drop it yourself");
            }
        }
    }
}
