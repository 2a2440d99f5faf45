package io.geoetl.store;

import io.geoetl.jobs.Json;
import java.sql.Connection;
import java.util.List;
import java.util.Optional;

/** All SQL on geo.table_catalog: one row per published vector table. */
public final class CatalogRepository {
    private final Connection connection;

    CatalogRepository(Connection connection) {
        this.connection = connection;
    }

    /** Inserts or replaces the row of {@code entry}'s table. */
    public void upsert(CatalogEntry entry) {
        Sql.execute(connection, "insert into geo.table_catalog (schema_name, table_name, title, source, source_etag, source_format, "
                        + "source_layer, job_id, geometry_type, srid, feature_count, bbox, time_column, time_start, time_end, columns, cleaning) "
                        + "values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?::float8[], ?, ?, ?, ?::jsonb, ?::jsonb) "
                        + "on conflict (schema_name, table_name) do update set title = excluded.title, source = excluded.source, "
                        + "source_etag = excluded.source_etag, source_format = excluded.source_format, source_layer = excluded.source_layer, "
                        + "job_id = excluded.job_id, geometry_type = excluded.geometry_type, srid = excluded.srid, "
                        + "feature_count = excluded.feature_count, bbox = excluded.bbox, time_column = excluded.time_column, "
                        + "time_start = excluded.time_start, time_end = excluded.time_end, columns = excluded.columns, "
                        + "cleaning = excluded.cleaning, updated_at = now()",
                entry.schema(), entry.table(), entry.title(), entry.source(), entry.sourceEtag(), entry.sourceFormat(), entry.sourceLayer(),
                entry.jobId(), entry.geometryType(), entry.srid(), entry.featureCount(), entry.bbox() == null ? null : arrayLiteral(entry.bbox()),
                entry.timeColumn(), entry.timeStart(), entry.timeEnd(), Json.write(entry.columns()), Json.write(entry.cleaning()));
    }

    public void delete(String schema, String table) {
        Sql.execute(connection, "delete from geo.table_catalog where schema_name = ? and table_name = ?", schema, table);
    }

    public boolean contains(String schema, String table) {
        return Sql.queryOne(connection, "select exists (select 1 from geo.table_catalog where schema_name = ? and table_name = ?)",
                rs -> rs.getBoolean(1), schema, table);
    }

    /** The job that published {@code schema.table}; empty when the catalog has no such table. */
    public Optional<String> publisherOf(String schema, String table) {
        return Optional.ofNullable(Sql.queryOne(connection, "select job_id from geo.table_catalog where schema_name = ? and table_name = ?",
                rs -> rs.getString(1), schema, table));
    }

    /** The tables a job published, by name. */
    public List<String> tablesOfJob(String jobId) {
        return Sql.query(connection, "select table_name from geo.table_catalog where job_id = ? order by table_name",
                rs -> rs.getString(1), jobId);
    }

    private static String arrayLiteral(double[] values) {
        StringBuilder text = new StringBuilder("{");
        for (int i = 0; i < values.length; i++) {
            if (i > 0) text.append(',');
            text.append(values[i]);
        }
        return text.append('}').toString();
    }
}
