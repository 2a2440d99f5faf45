package io.geoetl.store;

import io.geoetl.jobs.Json;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.List;

/** All SQL on app.promotions (the audit of promote_data jobs) and app.promotion_schedule_events; reads a job's submitter from app.job_events. */
public final class PromotionRepository {
    private static final String COLUMNS = "p.job_id, p.backend, p.mode, p.source, p.source_version, p.target, p.adf_run_id, p.rows_read, "
            + "p.rows_written, p.verification::text, case when j.status = 'failed' and p.status = 'running' then 'failed' else p.status end as status, "
            + "coalesce(p.error, case when j.status = 'failed' then coalesce((select t.error ->> 'message' from app.tasks t "
            + "where t.job_id = p.job_id and t.status = 'failed' order by t.updated_at desc limit 1), j.error ->> 'message') end) as error, p.requested_by, p.started_at, p.finished_at, p.stac_item";
    private static final String FROM = " from app.promotions p left join app.jobs j on j.job_id = p.job_id";
    private final Connection connection;

    PromotionRepository(Connection connection) {
        this.connection = connection;
    }

    /** A promotion (or a new attempt of it) starts: the row is written, or reset to running. */
    public void start(String jobId, String backend, String mode, String source, String sourceVersion, String target, String requestedBy) {
        Sql.execute(connection, "insert into app.promotions (job_id, backend, mode, source, source_version, target, status, requested_by) "
                        + "values (?, ?, ?, ?, ?, ?, 'running', ?) on conflict (job_id) do update set status = 'running', error = null, "
                        + "finished_at = null where app.promotions.status <> 'completed'",
                jobId, backend, mode, source, sourceVersion, target, requestedBy);
    }

    /** Who submitted the job: the actor of its first event (api:&lt;caller&gt; for HTTP submissions), or null. */
    public String submitter(String jobId) {
        return Sql.queryOne(connection, "select actor from app.job_events where job_id = ? and task_id is null order by event_id limit 1",
                rs -> rs.getString(1), jobId);
    }

    public void recordRows(String jobId, long rowsRead, long rowsWritten) {
        Sql.execute(connection, "update app.promotions set rows_read = ?, rows_written = ? where job_id = ?", rowsRead, rowsWritten, jobId);
    }

    public void recordAdfRun(String jobId, String runId) {
        Sql.execute(connection, "update app.promotions set adf_run_id = ? where job_id = ?", runId, jobId);
    }

    public String adfRunId(String jobId) {
        return Sql.queryOne(connection, "select adf_run_id from app.promotions where job_id = ?", rs -> rs.getString(1), jobId);
    }

    /** The promotion is done; {@code stacItem} ("collection/item") is the production item published with the table, or null. */
    public void complete(String jobId, String verificationJson, String stacItem) {
        Sql.execute(connection, "update app.promotions set status = 'completed', verification = ?::jsonb, stac_item = ?, finished_at = now() "
                + "where job_id = ?", verificationJson, stacItem, jobId);
    }

    public void fail(String jobId, String error) {
        Sql.execute(connection, "update app.promotions set status = 'failed', error = ?, finished_at = now() where job_id = ?", error, jobId);
    }

    public Promotion find(String jobId) {
        return Sql.queryOne(connection, "select " + COLUMNS + FROM + " where p.job_id = ?", PromotionRepository::map, jobId);
    }

    /** Newest first; {@code status} and {@code target} null = any. */
    public List<Promotion> list(String status, String target, int limit, int offset) {
        return Sql.query(connection, "select * from (select " + COLUMNS + ", p.started_at as started" + FROM
                        + " where (?::text is null or p.target = ?)) s where (?::text is null or s.status = ?) "
                        + "order by s.started desc, s.job_id limit ? offset ?",
                PromotionRepository::map, target, target, status, status, limit, offset);
    }

    /** Promotions that read from or wrote to {@code table}, newest first. */
    public List<Promotion> touching(String table, int limit) {
        return Sql.query(connection, "select " + COLUMNS + FROM + " where p.source = ? or p.target = ? order by p.started_at desc limit ?",
                PromotionRepository::map, table, table, limit);
    }

    /** Promotions that published the production STAC item {@code stacItem} ("collection/item"), newest first. */
    public List<Promotion> publishing(String stacItem, int limit) {
        return Sql.query(connection, "select " + COLUMNS + FROM + " where p.stac_item = ? order by p.started_at desc limit ?",
                PromotionRepository::map, stacItem, limit);
    }

    /** The promote_data job still queued or running for {@code target}, if any. */
    public String unfinishedJobFor(String jobType, String target) {
        return Sql.queryOne(connection, "select job_id from app.jobs where job_type = ? and status in ('queued', 'processing') "
                + "and parameters ->> 'target' = ? order by created_at limit 1", rs -> rs.getString(1), jobType, target);
    }

    public void recordScheduleEvent(String source, String target, String outcome, String jobId, String blockingJob, String reason) {
        Sql.execute(connection, "insert into app.promotion_schedule_events (source, target, outcome, job_id, blocking_job, reason) "
                + "values (?, ?, ?, ?, ?, ?)", source, target, outcome, jobId, blockingJob, reason);
    }

    /** Newest first; {@code target} and {@code outcome} null = any. */
    public List<ScheduleEvent> scheduleEvents(String target, String outcome, int limit) {
        return Sql.query(connection, "select event_id, source, target, outcome, job_id, blocking_job, reason, created_at "
                        + "from app.promotion_schedule_events where (?::text is null or target = ?) and (?::text is null or outcome = ?) "
                        + "order by event_id desc limit ?",
                rs -> new ScheduleEvent(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5), rs.getString(6),
                        rs.getString(7), rs.getObject(8, OffsetDateTime.class)),
                target, target, outcome, outcome, limit);
    }

    private static Promotion map(ResultSet rs) throws SQLException {
        String verification = rs.getString(10);
        return new Promotion(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5), rs.getString(6),
                rs.getString(7), (Long) rs.getObject(8), (Long) rs.getObject(9), verification == null ? null : Json.parse(verification),
                rs.getString(11), rs.getString(12), rs.getString(13), rs.getObject(14, OffsetDateTime.class), rs.getObject(15, OffsetDateTime.class),
                rs.getString(16));
    }
}
