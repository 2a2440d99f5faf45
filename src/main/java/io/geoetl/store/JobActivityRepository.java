package io.geoetl.store;

import java.sql.Connection;
import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the console shows of jobs as they run: the progress of a page of jobs in one query, the jobs
 * that changed since a moment (for the live list), the task counts of every stage and the recent
 * finishing rate (for the job page). Finished tasks are completed, failed or cancelled ones.
 */
public final class JobActivityRepository {
    private static final String FINISHED = "('completed', 'failed', 'cancelled')";
    private final Connection connection;

    JobActivityRepository(Connection connection) {
        this.connection = connection;
    }

    /** How many tasks of the job's current stage exist and how many of them finished. */
    public record StageProgress(int finished, int total) {}

    /** A job as the live list shows it, with the time of its latest change (its own or a task's). */
    public record JobChange(String jobId, String jobType, String status, int stage, int totalStages, StageProgress progress,
                            OffsetDateTime changedAt) {}

    /** Tasks of one stage in one status. */
    public record StageCount(int stage, String status, int count) {}

    /** The current-stage progress of each of {@code jobIds} (jobs without tasks yet: 0 of 0). */
    public Map<String, StageProgress> currentStageProgress(Collection<String> jobIds) {
        Map<String, StageProgress> progress = new LinkedHashMap<>();
        if (jobIds.isEmpty()) return progress;
        Sql.query(connection, "select j.job_id, count(t.task_id) filter (where t.status in " + FINISHED + "), count(t.task_id) "
                        + "from app.jobs j left join app.tasks t on t.job_id = j.job_id and t.stage = j.stage "
                        + "where j.job_id = any(?) group by j.job_id",
                rs -> progress.put(rs.getString(1), new StageProgress(rs.getInt(2), rs.getInt(3))),
                (Object) jobIds.toArray(String[]::new));
        return progress;
    }

    /**
     * Jobs whose row or any task changed after {@code since}, oldest change first, at most {@code limit}.
     * Reads both tables by updated_at (indexes of V600).
     */
    public List<JobChange> changedSince(OffsetDateTime since, int limit) {
        return Sql.query(connection, "with changed as ("
                        + "  select job_id, max(updated_at) as changed_at from ("
                        + "    select job_id, updated_at from app.jobs where updated_at > ?"
                        + "    union all select job_id, updated_at from app.tasks where updated_at > ?) c"
                        + "  group by job_id order by changed_at limit ?) "
                        + "select j.job_id, j.job_type, j.status, j.stage, j.total_stages, c.changed_at, "
                        + "  (select count(*) from app.tasks t where t.job_id = j.job_id and t.stage = j.stage and t.status in " + FINISHED + "), "
                        + "  (select count(*) from app.tasks t where t.job_id = j.job_id and t.stage = j.stage) "
                        + "from changed c join app.jobs j on j.job_id = c.job_id order by c.changed_at",
                rs -> new JobChange(rs.getString(1), rs.getString(2), rs.getString(3), rs.getInt(4), rs.getInt(5),
                        new StageProgress(rs.getInt(7), rs.getInt(8)), rs.getObject(6, OffsetDateTime.class)),
                since, since, limit);
    }

    /** The database's clock: where a change feed starts. */
    public OffsetDateTime now() {
        return Sql.queryOne(connection, "select now()", rs -> rs.getObject(1, OffsetDateTime.class));
    }

    /** Task counts per stage and status of one job, by stage. */
    public List<StageCount> stageCounts(String jobId) {
        return Sql.query(connection, "select stage, status, count(*) from app.tasks where job_id = ? group by stage, status order by stage, status",
                rs -> new StageCount(rs.getInt(1), rs.getString(2), rs.getInt(3)), jobId);
    }

    /** Tasks of the job that finished in the last {@code seconds} seconds. */
    public int finishedWithin(String jobId, int seconds) {
        return Sql.queryOne(connection, "select count(*) from app.tasks where job_id = ? and status in " + FINISHED
                + " and finished_at > now() - make_interval(secs => ?)", rs -> rs.getInt(1), jobId, seconds);
    }
}
