package io.geoetl.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

/**
 * All SQL on ingested vector tables: staging tables in geo_staging (created by prepare, filled
 * batch by batch with binary COPY), their indexes, and the move into the target schema.
 * Table and column names are validated and quoted by {@link Identifiers}.
 */
public final class VectorTableRepository {
    public static final String STAGING_SCHEMA = "geo_staging";
    public static final String ID = "id";
    public static final String GEOMETRY = "geom";
    /** The staging column that says which batch (chunk) wrote a row; dropped before publishing. */
    public static final String BATCH = "geoetl_batch";
    /** The staging column of mixed-geometry layers that says a row's geometry family; dropped before publishing. */
    public static final String FAMILY = "geoetl_family";
    private static final Pattern GEOMETRY_TYPE = Pattern.compile("^(Geometry|MultiPoint|MultiLineString|MultiPolygon)(Z|M|ZM)?$");
    private final Connection connection;

    VectorTableRepository(Connection connection) {
        this.connection = connection;
    }

    /** Writes the rows of one batch; returns how many rows it wrote. */
    @FunctionalInterface
    public interface BatchWriter {
        long write(RowSink rows);
    }

    public boolean exists(String schema, String table) {
        return Sql.queryOne(connection, "select to_regclass(?) is not null", rs -> rs.getBoolean(1),
                Identifiers.qualified(schema, table));
    }

    /**
     * Creates a staging table: batch, id, the attribute columns, the geometry (and the family column
     * when the layer mixes geometry types). Autovacuum stays off while it is being filled.
     */
    public void createStaging(String table, List<TableColumn> columns, String geometryType, int srid, boolean withFamily) {
        StringBuilder ddl = new StringBuilder("create table ").append(staging(table)).append(" (")
                .append(BATCH).append(" integer not null, ").append(ID).append(" bigint not null");
        for (TableColumn column : columns) {
            ddl.append(", ").append(Identifiers.quote(column.name())).append(' ').append(column.type().sql());
        }
        ddl.append(", ").append(GEOMETRY).append(' ').append(geometryType(geometryType, srid)).append(" not null");
        if (withFamily) ddl.append(", ").append(FAMILY).append(" smallint not null");
        ddl.append(") with (autovacuum_enabled = false)");
        Sql.execute(connection, ddl.toString());
    }

    /**
     * Replaces batch {@code batch} of a staging table, in the current transaction: waits for any
     * other run of the same batch, deletes the rows an earlier run copied (known from
     * app.vector_ingest_batches), copies the new rows with binary COPY and checks the server took
     * exactly as many rows as were written. {@code columns} are the value columns in write order
     * (the batch column is written by this method).
     */
    public long copyBatch(String jobId, String table, int batch, List<String> columns, BatchWriter writer) {
        Sql.execute(connection, "select pg_advisory_xact_lock(hashtextextended(?, 0))", "vector-batch:" + jobId + ":" + batch);
        Long earlier = Sql.queryOne(connection, "delete from app.vector_ingest_batches where job_id = ? and batch = ? returning rows",
                rs -> rs.getLong(1), jobId, batch);
        if (earlier != null) {
            Sql.execute(connection, "delete from " + staging(table) + " where " + BATCH + " = ?", batch);
        }
        String columnList = BATCH + ", " + columns.stream().map(Identifiers::quote).collect(Collectors.joining(", "));
        CopyIn copy = startCopy("copy " + staging(table) + " (" + columnList + ") from stdin (format binary)");
        long written;
        long taken;
        try {
            BatchCopyWriter out = new BatchCopyWriter(copy, batch);
            written = writer.write(out);
            taken = out.finish();
        } catch (SQLException e) {
            cancelQuietly(copy, e);
            throw new StoreException(e);
        } catch (RuntimeException e) {
            cancelQuietly(copy, e);
            throw e;
        }
        if (taken != written) {
            throw new StoreException("batch " + batch + ": the server took " + taken + " rows but " + written + " were written", null);
        }
        Sql.execute(connection, "insert into app.vector_ingest_batches (job_id, batch, rows) values (?, ?, ?)", jobId, batch, taken);
        return taken;
    }

    /** The geometry families (values of the family column) present in a mixed staging table. */
    public List<Integer> familiesPresent(String table) {
        return Sql.query(connection, "select distinct " + FAMILY + " from " + staging(table) + " order by 1", rs -> rs.getInt(1));
    }

    /** Copies the rows of one family of a mixed staging table into a new staging table with a typed geometry column. */
    public void createFamilyTable(String mixed, String target, int family, List<String> attributeColumns, String geometryType,
                                  int srid) {
        StringBuilder select = new StringBuilder("select ").append(ID);
        attributeColumns.forEach(column -> select.append(", ").append(Identifiers.quote(column)));
        select.append(", ").append(GEOMETRY).append("::").append(geometryType(geometryType, srid)).append(" as ").append(GEOMETRY)
                .append(" from ").append(staging(mixed)).append(" where ").append(FAMILY).append(" = ").append(family)
                .append(" order by ").append(ID);
        Sql.execute(connection, "create table " + staging(target) + " with (autovacuum_enabled = false) as " + select);
    }

    /** Drops the bookkeeping columns (batch, family) of a staging table before it is indexed and published. */
    public void dropBookkeeping(String table) {
        Sql.execute(connection, "alter table " + staging(table) + " drop column if exists " + BATCH + ", drop column if exists " + FAMILY);
    }

    /**
     * The index builds of a staging table: a unique index on id (made the primary key
     * by {@link #completeIndexing}), the GiST index on geom and a b-tree per requested column. They
     * take compatible locks, so each can run in its own transaction at the same time as the others.
     * Each creates its index only if it does not exist yet.
     */
    public static List<IndexBuild> indexBuilds(String table, List<String> indexColumns) {
        String name = staging(table);
        List<IndexBuild> builds = new ArrayList<>();
        builds.add(new IndexBuild("create unique index if not exists " + Identifiers.quote(Identifiers.withSuffix(table, "_pkey"))
                + " on " + name + " (" + ID + ")"));
        builds.add(new IndexBuild("create index if not exists " + Identifiers.quote(Identifiers.withSuffix(table, "_geom_idx"))
                + " on " + name + " using gist (" + GEOMETRY + ")"));
        for (String column : indexColumns) {
            builds.add(new IndexBuild("create index if not exists " + Identifiers.quote(Identifiers.withSuffix(table, "_" + column + "_idx"))
                    + " on " + name + " (" + Identifiers.quote(column) + ")"));
        }
        return builds;
    }

    /** Builds one index of {@link #indexBuilds}. */
    public void build(IndexBuild index) {
        Sql.execute(connection, index.sql);
    }

    /** One CREATE INDEX statement made by {@link #indexBuilds}. */
    public static final class IndexBuild {
        private final String sql;

        private IndexBuild(String sql) {
            this.sql = sql;
        }

        @Override
        public String toString() {
            return sql;
        }
    }

    /** After the indexes: the unique id index becomes the primary key, autovacuum is re-enabled, statistics are gathered. */
    public void completeIndexing(String table) {
        String name = staging(table);
        String primaryKey = Identifiers.withSuffix(table, "_pkey");
        boolean hasKey = Sql.queryOne(connection, "select exists (select 1 from pg_constraint where conname = ? and conrelid = ?::regclass)",
                rs -> rs.getBoolean(1), primaryKey, name);
        if (!hasKey) {
            Sql.execute(connection, "alter table " + name + " add constraint " + Identifiers.quote(primaryKey)
                    + " primary key using index " + Identifiers.quote(primaryKey));
        }
        Sql.execute(connection, "alter table " + name + " reset (autovacuum_enabled)");
        Sql.execute(connection, "analyze " + name);
    }

    /** Earliest and latest value of a date or timestamp column (nulls when the column holds none). */
    public TimeRange timeRange(String table, String column) {
        String quoted = Identifiers.quote(column);
        return Sql.queryOne(connection, "select min(" + quoted + ")::timestamptz, max(" + quoted + ")::timestamptz from " + staging(table),
                rs -> new TimeRange(rs.getObject(1, OffsetDateTime.class), rs.getObject(2, OffsetDateTime.class)));
    }

    public record TimeRange(OffsetDateTime start, OffsetDateTime end) {}

    /** Serialises publishing into one target name until this transaction ends. */
    public void lockTarget(String schema, String table) {
        Sql.execute(connection, "select pg_advisory_xact_lock(hashtextextended(?, 0))", "vector-table:" + schema + "." + table);
    }

    /** Drops a published table; fails when other objects (views) depend on it. */
    public void drop(String schema, String table) {
        Sql.execute(connection, "drop table if exists " + Identifiers.qualified(schema, table));
    }

    /**
     * Moves a staging table into {@code schema} under the name {@code target} and renames its
     * indexes after it (where that name is free). Runs inside the publishing transaction.
     */
    public void publish(String table, String schema, String target) {
        Sql.execute(connection, "create schema if not exists " + Identifiers.quote(schema));
        Sql.execute(connection, "alter table " + staging(table) + " set schema " + Identifiers.quote(schema));
        Sql.execute(connection, "alter table " + Identifiers.qualified(schema, table) + " rename to " + Identifiers.quote(target));
        List<String> indexes = Sql.query(connection, "select indexname from pg_indexes where schemaname = ? and tablename = ?",
                rs -> rs.getString(1), schema, target);
        for (String index : indexes) {
            if (!index.startsWith(table)) continue;
            String renamed = Identifiers.withSuffix(target, index.substring(table.length()));
            if (!exists(schema, renamed)) {
                Sql.execute(connection, "alter index " + Identifiers.qualified(schema, index) + " rename to " + Identifiers.quote(renamed));
            }
        }
    }

    /** Staging tables named {@code table} or {@code table_<suffix>}. */
    public List<String> stagingTables(String table) {
        return Sql.query(connection, "select c.relname from pg_class c join pg_namespace n on n.oid = c.relnamespace "
                        + "where n.nspname = ? and c.relkind = 'r' and (c.relname = ? or starts_with(c.relname, ? || '_')) order by 1",
                rs -> rs.getString(1), STAGING_SCHEMA, table, table);
    }

    public void dropStaging(String table) {
        Sql.execute(connection, "drop table if exists " + staging(table));
    }

    private static String staging(String table) {
        return Identifiers.qualified(STAGING_SCHEMA, table);
    }

    private static String geometryType(String type, int srid) {
        if (!GEOMETRY_TYPE.matcher(type).matches()) {
            throw new IllegalArgumentException("not a geometry column type: " + type);
        }
        return "geometry(" + type + ", " + srid + ")";
    }

    private CopyIn startCopy(String sql) {
        try {
            return connection.unwrap(PGConnection.class).getCopyAPI().copyIn(sql);
        } catch (SQLException e) {
            throw new StoreException(e);
        }
    }

    private static void cancelQuietly(CopyIn copy, Exception cause) {
        try {
            if (copy.isActive()) copy.cancelCopy();
        } catch (SQLException cancelFailure) {
            cause.addSuppressed(cancelFailure);
        }
    }
}
