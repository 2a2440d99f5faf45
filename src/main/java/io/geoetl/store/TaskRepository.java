package io.geoetl.store;

import com.fasterxml.jackson.databind.JsonNode;
import io.geoetl.jobs.Json;
import io.geoetl.jobs.Task;
import io.geoetl.jobs.TaskSpec;
import io.geoetl.jobs.TaskStatus;
import io.geoetl.jobs.JobIds;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * All SQL on app.tasks. Every status change is one conditional UPDATE whose WHERE clause only
 * accepts the sources {@link TaskStatus#allowedSources()} lists, so concurrent workers, duplicate
 * messages and the janitor are settled by the database: the loser's update touches no row.
 */
public final class TaskRepository {
    private static final String COLUMNS = "task_id, job_id, stage, task_index, task_type, parameters::text, status, attempt, "
            + "max_attempts, next_attempt_at, claimed_by, heartbeat_at, started_at, finished_at, result::text, error::text";
    private final Connection connection;

    TaskRepository(Connection connection) {
        this.connection = connection;
    }

    /** Inserts a stage's tasks (queued); returns their ids in order. Existing ids are left as they are. */
    public List<String> insertStage(String jobId, int stage, List<TaskSpec> specs, int maxAttempts) {
        String sql = "insert into app.tasks (task_id, job_id, stage, task_index, task_type, parameters, max_attempts) "
                + "values (?, ?, ?, ?, ?, ?::jsonb, ?) on conflict (task_id) do nothing";
        List<String> ids = new ArrayList<>(specs.size());
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int index = 0; index < specs.size(); index++) {
                TaskSpec spec = specs.get(index);
                String taskId = JobIds.taskId(jobId, stage, index);
                ids.add(taskId);
                Sql.bind(statement, taskId, jobId, stage, index, spec.taskType(), Json.write(spec.parameters()), maxAttempts);
                statement.addBatch();
            }
            statement.executeBatch();
        } catch (SQLException e) {
            throw new StoreException(e);
        }
        return ids;
    }

    public Optional<Task> find(String taskId) {
        return Optional.ofNullable(Sql.queryOne(connection, "select " + COLUMNS + " from app.tasks where task_id = ?",
                TaskRepository::map, taskId));
    }

    public List<Task> listByJob(String jobId) {
        return Sql.query(connection, "select " + COLUMNS + " from app.tasks where job_id = ? order by stage, task_index",
                TaskRepository::map, jobId);
    }

    /**
     * Claims a task for {@code worker}: queued/retrying → processing, attempt + 1, heartbeat now.
     * Empty when the task is not claimable (already claimed, finished, not yet due, or its job ended).
     */
    public Optional<Task> claim(String taskId, String worker) {
        return Optional.ofNullable(Sql.queryOne(connection,
                "update app.tasks t set status = 'processing', attempt = attempt + 1, claimed_by = ?, heartbeat_at = now(), "
                        + "started_at = now(), finished_at = null, updated_at = now() "
                        + "where task_id = ? and status = any(?) and next_attempt_at <= now() "
                        + "and exists (select 1 from app.jobs j where j.job_id = t.job_id and j.status in ('queued', 'processing')) "
                        + "returning " + COLUMNS,
                TaskRepository::map, worker, taskId, sources(TaskStatus.PROCESSING)));
    }

    /** The worker still owns the task: refresh its heartbeat. False when it was taken away. */
    public boolean heartbeat(String taskId, String worker) {
        return Sql.execute(connection, "update app.tasks set heartbeat_at = now() "
                + "where task_id = ? and status = 'processing' and claimed_by = ?", taskId, worker) == 1;
    }

    /** processing → completed with its result, only for the worker that holds the claim. */
    public boolean complete(String taskId, String worker, JsonNode result) {
        return Sql.execute(connection, "update app.tasks set status = 'completed', result = ?::jsonb, error = null, "
                        + "finished_at = now(), updated_at = now() where task_id = ? and status = any(?) and claimed_by = ?",
                Json.write(result), taskId, sources(TaskStatus.COMPLETED), worker) == 1;
    }

    /** processing → retrying: due again after {@code delay}. */
    public boolean scheduleRetry(String taskId, String worker, JsonNode error, Duration delay) {
        return Sql.execute(connection, "update app.tasks set status = 'retrying', error = ?::jsonb, "
                        + "next_attempt_at = now() + make_interval(secs => ?), finished_at = now(), updated_at = now() "
                        + "where task_id = ? and status = any(?) and claimed_by = ?",
                Json.write(error), delay.toMillis() / 1000.0, taskId, sources(TaskStatus.RETRYING), worker) == 1;
    }

    /** processing → failed, for the worker that holds the claim. */
    public boolean fail(String taskId, String worker, JsonNode error) {
        return Sql.execute(connection, "update app.tasks set status = 'failed', error = ?::jsonb, finished_at = now(), "
                        + "updated_at = now() where task_id = ? and status = 'processing' and claimed_by = ?",
                Json.write(error), taskId, worker) == 1;
    }

    /** Every unfinished task of a job → cancelled; returns the ids cancelled. */
    public List<String> cancelUnfinished(String jobId) {
        return Sql.query(connection, "update app.tasks set status = 'cancelled', finished_at = now(), updated_at = now() "
                        + "where job_id = ? and status = any(?) returning task_id",
                rs -> rs.getString(1), jobId, sources(TaskStatus.CANCELLED));
    }

    /** Failed and cancelled tasks of a stage → queued as a new attempt with a fresh attempt budget. */
    public List<String> requeueUnsuccessful(String jobId, int stage, int maxAttempts) {
        return Sql.query(connection, "update app.tasks set status = 'queued', max_attempts = attempt + ?, "
                        + "next_attempt_at = now(), claimed_by = null, heartbeat_at = null, finished_at = null, updated_at = now() "
                        + "where job_id = ? and stage = ? and status in ('failed', 'cancelled') returning task_id",
                rs -> rs.getString(1), maxAttempts, jobId, stage);
    }

    /** How many tasks of a stage are not final yet. */
    public int countUnfinished(String jobId, int stage) {
        return Sql.queryOne(connection, "select count(*) from app.tasks where job_id = ? and stage = ? "
                + "and status in ('queued', 'processing', 'retrying')", rs -> rs.getInt(1), jobId, stage);
    }

    /** Results of a stage in task order (null for tasks that did not complete). */
    public List<JsonNode> stageResults(String jobId, int stage) {
        return Sql.query(connection, "select case when status = 'completed' then result::text end from app.tasks "
                + "where job_id = ? and stage = ? order by task_index", rs -> Json.parse(rs.getString(1)), jobId, stage);
    }

    public int countFailed(String jobId, int stage) {
        return Sql.queryOne(connection, "select count(*) from app.tasks where job_id = ? and stage = ? and status = 'failed'",
                rs -> rs.getInt(1), jobId, stage);
    }

    /** Task counts per status for one job (every status present, zero when none). */
    public Map<TaskStatus, Integer> countByStatus(String jobId) {
        return countByStatus(jobId, null);
    }

    /** Task counts per status for one stage of a job ({@code stage} null = all stages). */
    public Map<TaskStatus, Integer> countByStatus(String jobId, Integer stage) {
        Map<TaskStatus, Integer> counts = new EnumMap<>(TaskStatus.class);
        for (TaskStatus status : TaskStatus.values()) counts.put(status, 0);
        Sql.query(connection, "select status, count(*) from app.tasks where job_id = ? and (?::int is null or stage = ?) "
                        + "group by status",
                rs -> counts.put(TaskStatus.of(rs.getString(1)), rs.getInt(2)), jobId, stage, stage);
        return counts;
    }

    private static String[] sources(TaskStatus target) {
        Set<TaskStatus> allowed = target.allowedSources();
        return allowed.stream().map(TaskStatus::dbName).toArray(String[]::new);
    }

    private static Task map(ResultSet rs) throws SQLException {
        return new Task(
                rs.getString(1),
                rs.getString(2),
                rs.getInt(3),
                rs.getInt(4),
                rs.getString(5),
                Json.parse(rs.getString(6)),
                TaskStatus.of(rs.getString(7)),
                rs.getInt(8),
                rs.getInt(9),
                rs.getObject(10, OffsetDateTime.class),
                rs.getString(11),
                rs.getObject(12, OffsetDateTime.class),
                rs.getObject(13, OffsetDateTime.class),
                rs.getObject(14, OffsetDateTime.class),
                Json.parse(rs.getString(15)),
                Json.parse(rs.getString(16)));
    }
}
