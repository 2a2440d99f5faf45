package io.geoetl.store;

import java.sql.Connection;

/**
 * Questions promote_data asks about a table before it copies it: does it exist, which ingest
 * made it (its geo.table_catalog row), and a fingerprint of its current contents when no ingest
 * did. Names are validated and quoted by {@link Identifiers}.
 */
public final class PromotableTables {
    private final Connection connection;

    PromotableTables(Connection connection) {
        this.connection = connection;
    }

    /** True when schema.table is an ordinary (or partitioned) table. */
    public boolean isTable(String schema, String table) {
        return Boolean.TRUE.equals(Sql.queryOne(connection, "select exists (select 1 from pg_class c join pg_namespace n on n.oid = c.relnamespace "
                + "where n.nspname = ? and c.relname = ? and c.relkind in ('r', 'p'))", rs -> rs.getBoolean(1), schema, table));
    }

    /** The ingest job recorded in the table's catalog row, or null when it has none. */
    public String catalogJobId(String schema, String table) {
        return Sql.queryOne(connection, "select job_id from geo.table_catalog where schema_name = ? and table_name = ?",
                rs -> rs.getString(1), schema, table);
    }

    /**
     * A cheap stand-in for the table's version when no ingest recorded one: its storage file (new
     * after TRUNCATE or a rewrite) and the server's cumulative insert/update/delete counters. The
     * counters reach the statistics within about a second of a commit, so a change made in the
     * last second may not show yet.
     */
    public String fingerprint(String schema, String table) {
        return Sql.queryOne(connection, "select md5(concat_ws(':', c.relfilenode, s.n_tup_ins, s.n_tup_upd, s.n_tup_del, s.n_tup_hot_upd)) "
                        + "from pg_class c join pg_namespace n on n.oid = c.relnamespace "
                        + "left join pg_stat_all_tables s on s.relid = c.oid where n.nspname = ? and c.relname = ?",
                rs -> rs.getString(1), schema, table);
    }
}
