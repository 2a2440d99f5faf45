package io.geoetl.store;

import java.sql.Connection;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * SQL on what jobs leave behind: whole tables, rows of catalog/metadata tables, STAC items.
 * Identifiers are validated (^[a-z_][a-z0-9_]{0,62}$) and quoted; values are bound.
 */
public final class OutputRepository {
    private static final Pattern IDENTIFIER = Pattern.compile("^[a-z_][a-z0-9_]{0,62}$");
    private final Connection connection;

    OutputRepository(Connection connection) {
        this.connection = connection;
    }

    /** A table as the catalog sees it: size on disk and the planner's row estimate (null before the first ANALYZE). */
    public record TableInfo(long bytes, Long rowsEstimate) {}

    public Optional<TableInfo> table(String schema, String table) {
        return Optional.ofNullable(Sql.queryOne(connection, "select pg_total_relation_size(c.oid), c.reltuples::bigint "
                        + "from pg_class c join pg_namespace n on n.oid = c.relnamespace "
                        + "where n.nspname = ? and c.relname = ? and c.relkind in ('r', 'p')",
                rs -> new TableInfo(rs.getLong(1), rs.getLong(2) < 0 ? null : rs.getLong(2)), schema, table));
    }

    public void dropTable(String schema, String table) {
        Sql.execute(connection, "drop table if exists " + qualified(schema, table));
    }

    /** Rows whose {@code column} equals {@code value}; empty when the table does not exist. */
    public Optional<Long> countRows(String schema, String table, String column, String value) {
        if (table(schema, table).isEmpty()) return Optional.empty();
        return Optional.of(Sql.queryOne(connection, "select count(*) from " + qualified(schema, table) + " where "
                + quote(column) + "::text = ?", rs -> rs.getLong(1), value));
    }

    public long deleteRows(String schema, String table, String column, String value) {
        if (table(schema, table).isEmpty()) return 0;
        return Sql.execute(connection, "delete from " + qualified(schema, table) + " where " + quote(column) + "::text = ?", value);
    }

    /** 1 when stac.items holds the item, 0 when not; empty when there is no stac.items table yet. */
    public Optional<Long> countStacItem(String collection, String itemId) {
        if (table("stac", "items").isEmpty()) return Optional.empty();
        return Optional.of(Sql.queryOne(connection, "select count(*) from stac.items where collection = ? and id = ?",
                rs -> rs.getLong(1), collection, itemId));
    }

    /** Deletes the item through the STAC repository, so its collection's extent follows. */
    public long deleteStacItem(String collection, String itemId) {
        if (table("stac", "items").isEmpty()) return 0;
        return new StacRepository(connection).deleteItem(collection, itemId) ? 1 : 0;
    }

    private static String qualified(String schema, String table) {
        return quote(schema) + "." + quote(table);
    }

    private static String quote(String identifier) {
        if (identifier == null || !IDENTIFIER.matcher(identifier).matches()) {
            throw new IllegalArgumentException("not a valid SQL identifier: " + identifier);
        }
        return "\"" + identifier + "\"";
    }
}
