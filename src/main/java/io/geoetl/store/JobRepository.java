package io.geoetl.store;

import com.fasterxml.jackson.databind.JsonNode;
import io.geoetl.jobs.Job;
import io.geoetl.jobs.JobStatus;
import io.geoetl.jobs.JobStore;
import io.geoetl.jobs.JobStore.ClaimedJob;
import io.geoetl.jobs.Json;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/** All SQL on app.jobs. Status changes are conditional updates: they only apply from allowed states. */
public final class JobRepository implements JobStore {
    private static final String COLUMNS = "job_id, job_type, parameters::text, status, stage, total_stages, run, "
            + "result::text, error::text, created_at, updated_at, started_at, finished_at";
    private static final String FAILED_MATCHING = "status = 'failed' and job_type = ? "
            + "and (coalesce(error->>'code', '') ilike ? or coalesce(error->>'message', '') ilike ?)";
    private final Connection connection;

    JobRepository(Connection connection) {
        this.connection = connection;
    }

    /** Inserts a new queued job; false when a job with this id already exists. */
    public boolean insertIfAbsent(String jobId, String jobType, JsonNode parameters, int totalStages) {
        return Sql.execute(connection,
                "insert into app.jobs (job_id, job_type, parameters, total_stages) values (?, ?, ?::jsonb, ?) "
                        + "on conflict (job_id) do nothing",
                jobId, jobType, Json.write(parameters), totalStages) == 1;
    }

    public Optional<Job> find(String jobId) {
        return Optional.ofNullable(Sql.queryOne(connection, "select " + COLUMNS + " from app.jobs where job_id = ?",
                JobRepository::map, jobId));
    }

    /** Newest first; status and type filters are optional (null = any). */
    public List<Job> list(String status, String jobType, int limit, int offset) {
        return Sql.query(connection, "select " + COLUMNS + " from app.jobs "
                        + "where (?::text is null or status = ?) and (?::text is null or job_type = ?) "
                        + "order by created_at desc, job_id limit ? offset ?",
                JobRepository::map, status, status, jobType, jobType, limit, offset);
    }

    public long count(String status, String jobType) {
        return Sql.queryOne(connection, "select count(*) from app.jobs "
                        + "where (?::text is null or status = ?) and (?::text is null or job_type = ?)",
                rs -> rs.getLong(1), status, status, jobType, jobType);
    }

    /** The jobs of tasks just claimed; queued ones move to processing (see {@link JobStore#markProcessing}). */
    public List<ClaimedJob> markProcessing(Collection<String> jobIds) {
        // the select reads the rows as they were before the update (a CTE's changes are not visible to its query)
        return Sql.query(connection, "with started as (update app.jobs set status = 'processing', started_at = coalesce(started_at, now()), "
                        + "updated_at = now() where job_id = any(?::char(64)[]) and status = 'queued' returning job_id) "
                        + "select " + COLUMNS + ", job_id in (select job_id from started) from app.jobs where job_id = any(?::char(64)[])",
                rs -> new ClaimedJob(map(rs), rs.getBoolean(14)), jobIds.toArray(String[]::new), jobIds.toArray(String[]::new));
    }

    public List<Job> listFailed(String jobType, String errorContains, int limit) {
        return Sql.query(connection, "select " + COLUMNS + " from app.jobs where " + FAILED_MATCHING
                        + " order by updated_at desc, job_id limit ?",
                JobRepository::map, jobType, containing(errorContains), containing(errorContains), limit);
    }

    public long countFailed(String jobType, String errorContains) {
        return Sql.queryOne(connection, "select count(*) from app.jobs where " + FAILED_MATCHING,
                rs -> rs.getLong(1), jobType, containing(errorContains), containing(errorContains));
    }

    /** An ILIKE pattern that matches {@code text} anywhere, its own % and _ taken literally. */
    private static String containing(String text) {
        return text == null ? "%" : "%" + text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
    }

    /** Moves an unfinished job to its next stage. */
    public boolean advanceStage(String jobId, int fromStage, int toStage) {
        return Sql.execute(connection, "update app.jobs set stage = ?, updated_at = now() "
                + "where job_id = ? and stage = ? and status in ('queued', 'processing')", toStage, jobId, fromStage) == 1;
    }

    /** Ends an unfinished job with a final status, its result and/or its error. */
    public boolean finish(String jobId, JobStatus status, JsonNode result, JsonNode error) {
        return Sql.execute(connection, "update app.jobs set status = ?, result = ?::jsonb, error = ?::jsonb, "
                        + "finished_at = now(), updated_at = now() where job_id = ? and status in ('queued', 'processing')",
                status.dbName(), result == null ? null : Json.write(result), error == null ? null : Json.write(error), jobId) == 1;
    }

    /** A failed (or completed_with_errors) job starts a new run from its current stage. */
    public boolean reopen(String jobId) {
        return Sql.execute(connection, "update app.jobs set status = 'processing', run = run + 1, error = null, result = null, "
                + "finished_at = null, updated_at = now() where job_id = ? and status in ('failed', 'completed_with_errors')", jobId) == 1;
    }

    /**
     * Unfinished jobs whose current stage has tasks and all of them are final: the stage was
     * never advanced (or the job never closed). Longest untouched first.
     */
    public List<String> findStuck(int limit) {
        return Sql.query(connection, "select j.job_id from app.jobs j where j.status in ('queued', 'processing') "
                        + "and exists (select 1 from app.tasks t where t.job_id = j.job_id and t.stage = j.stage) "
                        + "and not exists (select 1 from app.tasks t where t.job_id = j.job_id and t.stage = j.stage "
                        + "and t.status in ('queued', 'processing', 'retrying')) "
                        + "order by j.updated_at limit ?",
                rs -> rs.getString(1), limit);
    }

    /**
     * Queued jobs accepted longer than {@code olderThan} ago that have no task yet: their router
     * stopped (or its planner failed) between accepting them and planning their first stage.
     * Oldest first.
     */
    public List<String> findUnplanned(Duration olderThan, int limit) {
        return Sql.query(connection, "select j.job_id from app.jobs j where j.status = 'queued' and j.stage = 1 "
                        + "and j.created_at < now() - make_interval(secs => ?) "
                        + "and not exists (select 1 from app.tasks t where t.job_id = j.job_id) order by j.created_at limit ?",
                rs -> rs.getString(1), olderThan.toMillis() / 1000.0, limit);
    }

    private static Job map(ResultSet rs) throws SQLException {
        return new Job(
                rs.getString(1),
                rs.getString(2),
                Json.parse(rs.getString(3)),
                JobStatus.of(rs.getString(4)),
                rs.getInt(5),
                rs.getInt(6),
                rs.getInt(7),
                Json.parse(rs.getString(8)),
                Json.parse(rs.getString(9)),
                rs.getObject(10, OffsetDateTime.class),
                rs.getObject(11, OffsetDateTime.class),
                rs.getObject(12, OffsetDateTime.class),
                rs.getObject(13, OffsetDateTime.class));
    }
}
