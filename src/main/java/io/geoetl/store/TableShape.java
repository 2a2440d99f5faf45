package io.geoetl.store;

import java.sql.Connection;
import java.util.List;
import java.util.stream.Collectors;

/**
 * What promotion rebuilds of a table on the other side: its columns (type with modifiers, so
 * geometry(MultiPolygon,4326) keeps its geometry type and SRID), its primary key and unique
 * constraints, and its other indexes. Column defaults, triggers and foreign keys stay behind.
 */
record TableShape(List<Column> columns, List<Constraint> constraints, List<Index> indexes) {

    record Column(String name, String type, boolean notNull) {}

    /** A primary key or unique constraint: {@code definition} as pg_get_constraintdef gives it. */
    record Constraint(String name, String definition) {}

    /** An index not backing a constraint: {@code usingClause} is everything from " USING " on. */
    record Index(String name, boolean unique, String usingClause) {}

    static TableShape read(Connection connection, String schema, String table) {
        String regclass = Identifiers.qualified(schema, table);
        List<Column> columns = Sql.query(connection, "select attname, format_type(atttypid, atttypmod), attnotnull from pg_attribute "
                        + "where attrelid = ?::regclass and attnum > 0 and not attisdropped and attgenerated = '' order by attnum",
                rs -> new Column(rs.getString(1), rs.getString(2), rs.getBoolean(3)), regclass);
        for (Column column : columns) {
            if (!Identifiers.isValid(column.name())) {
                throw new IllegalArgumentException(schema + "." + table + " has a column named \"" + column.name()
                        + "\"; promotion copies only tables whose column names match " + Identifiers.PATTERN);
            }
        }
        List<Constraint> constraints = Sql.query(connection, "select conname, pg_get_constraintdef(oid) from pg_constraint "
                        + "where conrelid = ?::regclass and contype in ('p', 'u') order by contype, conname",
                rs -> new Constraint(rs.getString(1), rs.getString(2)), regclass);
        List<Index> indexes = Sql.query(connection, "select c.relname, i.indisunique, substring(pg_get_indexdef(i.indexrelid) from ' USING .*$') "
                        + "from pg_index i join pg_class c on c.oid = i.indexrelid where i.indrelid = ?::regclass "
                        + "and not exists (select 1 from pg_constraint k where k.conindid = i.indexrelid) order by c.relname",
                rs -> new Index(rs.getString(1), rs.getBoolean(2), rs.getString(3)), regclass);
        return new TableShape(columns, constraints, indexes);
    }

    /** The quoted column names, comma-separated, in table order. */
    String columnList() {
        return columns.stream().map(c -> Identifiers.quote(c.name())).collect(Collectors.joining(", "));
    }

    /** ROW(columns)::text of each row hashed and summed: the same rows give the same sum in any order. */
    String checksumSql(String qualifiedTable) {
        return "select count(*), coalesce(sum(('x' || left(md5(row(" + columnList() + ")::text), 16))::bit(64)::bigint::numeric), 0)::text "
                + "from " + qualifiedTable;
    }

    String createTableSql(String qualifiedTable) {
        return "create table " + qualifiedTable + " (" + columns.stream()
                .map(c -> Identifiers.quote(c.name()) + " " + c.type() + (c.notNull() ? " not null" : ""))
                .collect(Collectors.joining(", ")) + ")";
    }

    /** Columns whose type differs from (or is missing in) {@code other}, as sentences. */
    List<String> differencesFrom(TableShape other) {
        return columns.stream().filter(c -> other.columns.stream().noneMatch(o -> o.name().equals(c.name()) && o.type().equals(c.type())))
                .map(c -> c.name() + " " + c.type() + " has no column of that name and type on the other side")
                .toList();
    }
}
