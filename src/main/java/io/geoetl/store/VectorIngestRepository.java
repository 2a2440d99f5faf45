package io.geoetl.store;

import com.fasterxml.jackson.databind.JsonNode;
import io.geoetl.jobs.Json;
import java.sql.Connection;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * All SQL on app.vector_ingests and app.vector_ingest_batches: the plan and staging table of each
 * running ingest, the batches already copied, and the sweep of what failed or vanished jobs left.
 */
public final class VectorIngestRepository {
    private final Connection connection;

    VectorIngestRepository(Connection connection) {
        this.connection = connection;
    }

    /** Records an ingest's plan (replacing an earlier one of the same job). */
    public void save(String jobId, String stagingTable, JsonNode plan) {
        Sql.execute(connection, "insert into app.vector_ingests (job_id, staging_table, plan) values (?, ?, ?::jsonb) "
                + "on conflict (job_id) do update set staging_table = excluded.staging_table, plan = excluded.plan, created_at = now()",
                jobId, stagingTable, Json.write(plan));
    }

    public Optional<JsonNode> plan(String jobId) {
        return Optional.ofNullable(Sql.queryOne(connection, "select plan::text from app.vector_ingests where job_id = ?",
                rs -> Json.parse(rs.getString(1)), jobId));
    }

    /** Rows copied per batch so far, summed. */
    public long copiedRows(String jobId) {
        return Sql.queryOne(connection, "select coalesce(sum(rows), 0) from app.vector_ingest_batches where job_id = ?",
                rs -> rs.getLong(1), jobId);
    }

    /** Forgets an ingest (its batches go with it). */
    public void delete(String jobId) {
        Sql.execute(connection, "delete from app.vector_ingests where job_id = ?", jobId);
    }

    /**
     * Staging tables nobody will finish: not registered to an ingest whose job still runs or that
     * started less than {@code grace} ago. Registrations older than {@code grace} whose job no
     * longer runs are forgotten too. Returns the staging tables to drop.
     */
    public List<String> orphanStagingTables(Duration grace) {
        double seconds = grace.toMillis() / 1000.0;
        String live = "select i.staging_table from app.vector_ingests i left join app.jobs j on j.job_id = i.job_id "
                + "where j.status in ('queued', 'processing') or i.created_at > now() - make_interval(secs => ?)";
        List<String> orphans = Sql.query(connection, "select c.relname from pg_class c join pg_namespace n on n.oid = c.relnamespace "
                        + "where n.nspname = ? and c.relkind = 'r' and not exists (select 1 from (" + live + ") l "
                        + "where c.relname = l.staging_table or starts_with(c.relname, l.staging_table || '_'))",
                rs -> rs.getString(1), VectorTableRepository.STAGING_SCHEMA, seconds);
        Sql.execute(connection, "delete from app.vector_ingests i where i.created_at <= now() - make_interval(secs => ?) "
                + "and not exists (select 1 from app.jobs j where j.job_id = i.job_id and j.status in ('queued', 'processing'))", seconds);
        return orphans;
    }
}
