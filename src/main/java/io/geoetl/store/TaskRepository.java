package io.geoetl.store;

import com.fasterxml.jackson.databind.JsonNode;
import io.geoetl.jobs.Json;
import io.geoetl.jobs.OverdueTask;
import io.geoetl.jobs.Task;
import io.geoetl.jobs.TaskMessage;
import io.geoetl.jobs.TaskSpec;
import io.geoetl.jobs.TaskStatus;
import io.geoetl.jobs.TaskStore;
import io.geoetl.jobs.TaskTransition;
import io.geoetl.jobs.JobIds;
import io.geoetl.jobs.JobStage;
import io.geoetl.jobs.TaskResult;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * All SQL on app.tasks. Every status change is one conditional UPDATE whose WHERE clause only
 * accepts the sources its {@link TaskTransition} lists, so concurrent workers, duplicate
 * messages and the janitor are settled by the database: the loser's update touches no row.
 */
public final class TaskRepository implements TaskStore {
    private static final String COLUMNS = "task_id, job_id, stage, task_index, task_type, parameters::text, status, attempt, "
            + "max_attempts, next_attempt_at, claimed_by, heartbeat_at, started_at, finished_at, result::text, error::text";
    private static final String QUALIFIED_COLUMNS = "t." + COLUMNS.replace(", ", ", t.");
    private final Connection connection;

    TaskRepository(Connection connection) {
        this.connection = connection;
    }

    /**
     * Inserts a stage's tasks (queued); returns their ids in order. Existing ids are left as they
     * are. One statement for the whole stage (arrays unnested): a stage of 420 tasks is one parse
     * and one round trip, not batches of rows with seven parameters each.
     */
    public List<String> insertStage(String jobId, int stage, List<TaskSpec> specs, int maxAttempts) {
        List<String> ids = new ArrayList<>(specs.size());
        Integer[] indexes = new Integer[specs.size()];
        String[] types = new String[specs.size()];
        String[] parameters = new String[specs.size()];
        for (int index = 0; index < specs.size(); index++) {
            ids.add(JobIds.taskId(jobId, stage, index));
            indexes[index] = index;
            types[index] = specs.get(index).taskType();
            parameters[index] = Json.write(specs.get(index).parameters());
        }
        Sql.execute(connection, "insert into app.tasks (task_id, job_id, stage, task_index, task_type, parameters, max_attempts) "
                        + "select d.task_id, ?, ?, d.task_index, d.task_type, d.parameters::jsonb, ? "
                        + "from unnest(?::text[], ?::int[], ?::text[], ?::text[]) as d(task_id, task_index, task_type, parameters) "
                        + "on conflict (task_id) do nothing",
                jobId, stage, maxAttempts, ids.toArray(String[]::new), indexes, types, parameters);
        return ids;
    }

    public Optional<Task> find(String taskId) {
        return Optional.ofNullable(Sql.queryOne(connection, "select " + COLUMNS + " from app.tasks where task_id = ?",
                TaskRepository::map, taskId));
    }

    public List<Task> listByJob(String jobId, int limit, long offset) {
        return Sql.query(connection, "select " + COLUMNS + " from app.tasks where job_id = ? order by stage, task_index "
                + "limit ? offset ?", TaskRepository::map, jobId, limit, offset);
    }

    public long countByJob(String jobId) {
        return Sql.queryOne(connection, "select count(*) from app.tasks where job_id = ?", rs -> rs.getLong(1), jobId);
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
                TaskRepository::map, worker, taskId, TaskTransition.CLAIM.sourceNames()));
    }

    /**
     * Claims up to {@code max} due tasks of live jobs for {@code worker}, oldest due first, in one
     * statement. Rows another router is claiming right now are skipped (FOR UPDATE SKIP LOCKED), so
     * concurrent claims never take the same task. The picked rows are locked by this statement, so
     * the update needs no second status test; without one it reaches them through the primary key
     * (with it, a freshly planned stage's rows can lead the planner to rescan the claimable index).
     */
    public List<Task> claimDue(String worker, int max) {
        return Sql.query(connection, "with picked as (select t.task_id from app.tasks t where t.status in ('queued', 'retrying') "
                        + "and t.next_attempt_at <= now() and exists (select 1 from app.jobs j where j.job_id = t.job_id "
                        + "and j.status in ('queued', 'processing')) order by t.next_attempt_at limit ? for update of t skip locked) "
                        + "update app.tasks t set status = 'processing', attempt = t.attempt + 1, claimed_by = ?, heartbeat_at = now(), "
                        + "started_at = now(), finished_at = null, updated_at = now() "
                        + "from picked p where t.task_id = p.task_id "
                        + "returning " + QUALIFIED_COLUMNS,
                TaskRepository::map, max, worker);
    }

    /** Up to {@code max} due tasks of live jobs (job id, task id), oldest due first, without claiming them. */
    public List<TaskMessage> dueTasks(int max) {
        return Sql.query(connection, "select t.job_id, t.task_id from app.tasks t where t.status in ('queued', 'retrying') "
                        + "and t.next_attempt_at <= now() and exists (select 1 from app.jobs j where j.job_id = t.job_id "
                        + "and j.status in ('queued', 'processing')) order by t.next_attempt_at limit ?",
                rs -> new TaskMessage(rs.getString(1), rs.getString(2)), max);
    }

    /** A claim of this waiting task threw: counted, and the task is due again after {@code pause}. Returns the count so far. */
    public int recordClaimFailure(String taskId, Duration pause) {
        Integer failures = Sql.queryOne(connection, "update app.tasks set claim_failures = claim_failures + 1, "
                        + "next_attempt_at = now() + make_interval(secs => ?), updated_at = now() "
                        + "where task_id = ? and status in ('queued', 'retrying') returning claim_failures",
                rs -> rs.getInt(1), pause.toMillis() / 1000.0, taskId);
        return failures == null ? 0 : failures;
    }

    /**
     * How long until a waiting task of a live job is due; empty when it is due already, not
     * waiting, or unknown. A doorbell can arrive a little early (the queue counts delays in whole
     * seconds, on another clock).
     */
    public Optional<Duration> dueIn(String taskId) {
        return Optional.ofNullable(Sql.queryOne(connection, "select extract(epoch from t.next_attempt_at - now())::float8 "
                        + "from app.tasks t join app.jobs j on j.job_id = t.job_id where t.task_id = ? "
                        + "and t.status in ('queued', 'retrying') and t.next_attempt_at > now() and j.status in ('queued', 'processing')",
                rs -> Duration.ofMillis((long) Math.ceil(rs.getDouble(1) * 1000)), taskId));
    }

    /** True when a task with this id exists (whatever its state). */
    public boolean exists(String taskId) {
        return Sql.queryOne(connection, "select 1 from app.tasks where task_id = ?", rs -> true, taskId) != null;
    }

    /*
     * The transitions of a running attempt below only apply for the worker that holds the claim
     * AND for the attempt it claimed: a stale run (its claim taken away by the janitor or a
     * shutdown release, then claimed again, perhaps by the same router) cannot end a newer one.
     */

    /** The worker still owns the attempt: refresh its heartbeat. False when it was taken away. */
    public boolean heartbeat(String taskId, String worker, int attempt) {
        return Sql.execute(connection, "update app.tasks set heartbeat_at = now() "
                + "where task_id = ? and status = 'processing' and claimed_by = ? and attempt = ?", taskId, worker, attempt) == 1;
    }

    /**
     * processing → completed for several attempts in one statement (each only for {@code worker}
     * and the attempt it ran); returns the ids that were completed, the others' claims were lost.
     */
    public Set<String> completeAll(String worker, List<TaskResult> results) {
        String[] ids = new String[results.size()];
        Integer[] attempts = new Integer[results.size()];
        String[] bodies = new String[results.size()];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = results.get(i).taskId();
            attempts[i] = results.get(i).attempt();
            bodies[i] = Json.write(results.get(i).result());
        }
        return new HashSet<>(Sql.query(connection, "update app.tasks t set status = 'completed', result = d.result::jsonb, "
                        + "error = null, finished_at = now(), updated_at = now() "
                        + "from unnest(?::text[], ?::int[], ?::text[]) as d(task_id, attempt, result) "
                        + "where t.task_id = d.task_id and t.status = any(?) and t.claimed_by = ? and t.attempt = d.attempt "
                        + "returning t.task_id",
                rs -> rs.getString(1), ids, attempts, bodies, TaskTransition.COMPLETE.sourceNames(), worker));
    }

    /**
     * Of these stages, the ones without a queued, processing or retrying task left. The job ids
     * are passed as char(64), the column's type: compared as text, the column is cast and the
     * index on (job_id, stage, status) cannot serve, so every live task was read per call (100 ms
     * with 40,000 tasks waiting, on every group commit).
     */
    public List<JobStage> stagesDone(Collection<JobStage> stages) {
        String[] jobs = stages.stream().map(JobStage::jobId).toArray(String[]::new);
        Integer[] numbers = stages.stream().map(JobStage::stage).toArray(Integer[]::new);
        return Sql.query(connection, STAGES_DONE, rs -> new JobStage(rs.getString(1), rs.getInt(2)), jobs, numbers);
    }

    /** The statement of {@link #stagesDone}; StageCheckPlanTest pins its plan. */
    static final String STAGES_DONE = "select s.job_id, s.stage from unnest(?::char(64)[], ?::int[]) as s(job_id, stage) "
            + "where not exists (select 1 from app.tasks t where t.job_id = s.job_id and t.stage = s.stage "
            + "and t.status in ('queued', 'processing', 'retrying'))";

    /** processing → retrying: due again after {@code delay}. */
    public boolean scheduleRetry(String taskId, String worker, int attempt, JsonNode error, Duration delay) {
        return Sql.execute(connection, "update app.tasks set status = 'retrying', error = ?::jsonb, "
                        + "next_attempt_at = now() + make_interval(secs => ?), finished_at = now(), updated_at = now() "
                        + "where task_id = ? and status = any(?) and claimed_by = ? and attempt = ?",
                Json.write(error), delay.toMillis() / 1000.0, taskId, TaskTransition.SCHEDULE_RETRY.sourceNames(), worker, attempt) == 1;
    }

    /** processing → failed. */
    public boolean fail(String taskId, String worker, int attempt, JsonNode error) {
        return Sql.execute(connection, "update app.tasks set status = 'failed', error = ?::jsonb, finished_at = now(), "
                        + "updated_at = now() where task_id = ? and status = any(?) and claimed_by = ? and attempt = ?",
                Json.write(error), taskId, TaskTransition.FAIL.sourceNames(), worker, attempt) == 1;
    }

    /**
     * processing → queued, due now, for a router that stops before the attempt finished. The
     * interrupted attempt keeps its number in the history but not against the budget (max + 1).
     */
    public boolean release(String taskId, String worker, int attempt) {
        return Sql.execute(connection, "update app.tasks set status = 'queued', max_attempts = max_attempts + 1, "
                        + "claimed_by = null, heartbeat_at = null, next_attempt_at = now(), updated_at = now() "
                        + "where task_id = ? and status = any(?) and claimed_by = ? and attempt = ?",
                taskId, TaskTransition.RELEASE.sourceNames(), worker, attempt) == 1;
    }

    /** queued/retrying → failed: a task that can never be claimed (its doorbell is poison). Empty when it is not waiting. */
    public Optional<Task> failWaiting(String taskId, JsonNode error) {
        return Optional.ofNullable(Sql.queryOne(connection, "update app.tasks set status = 'failed', error = ?::jsonb, "
                        + "finished_at = now(), updated_at = now() where task_id = ? and status = any(?) "
                        + "returning " + COLUMNS,
                TaskRepository::map, Json.write(error), taskId, TaskTransition.FAIL_WAITING.sourceNames()));
    }

    /** Tasks in processing whose last heartbeat is older than {@code staleAfter}, oldest first. */
    public List<OverdueTask> findStale(Duration staleAfter, int limit) {
        return Sql.query(connection, "select t.task_id, t.job_id, j.job_type, t.stage, t.status, t.attempt, t.max_attempts, "
                        + "t.claimed_by, t.heartbeat_at, extract(epoch from now() - t.heartbeat_at)::float8 "
                        + "from app.tasks t join app.jobs j on j.job_id = t.job_id "
                        + "where t.status = 'processing' and t.heartbeat_at < now() - make_interval(secs => ?) "
                        + "order by t.heartbeat_at limit ?",
                TaskRepository::mapOverdue, seconds(staleAfter), limit);
    }

    /**
     * Stale tasks (see {@link #findStale}) with attempts left → queued as a new attempt, due now.
     * Returns them as they were (worker, last heartbeat). Rows locked by a live transaction are skipped.
     */
    public List<OverdueTask> requeueStale(Duration staleAfter, int limit) {
        return requeueStale(staleAfter, limit, List.of());
    }

    /** As {@link #requeueStale(Duration, int)}, leaving out tasks of {@code failFastTypes} (those fail after one lost worker). */
    public List<OverdueTask> requeueStale(Duration staleAfter, int limit, List<String> failFastTypes) {
        return updateStale(TaskTransition.REQUEUE_STALE, staleAfter, limit, failFastTypes,
                "attempt < max_attempts and job_id not in (select job_id from app.jobs where job_type = any(?))",
                "status = 'queued', claimed_by = null, heartbeat_at = null, next_attempt_at = now()",
                "format('worker %s stopped sending heartbeats during attempt %s (last at %s); requeued', "
                        + "s.claimed_by, t.attempt, s.heartbeat_at)");
    }

    /** Stale tasks whose attempts are spent → failed (error code worker_lost). Returns them as they were. */
    public List<OverdueTask> failStale(Duration staleAfter, int limit) {
        return failStale(staleAfter, limit, List.of());
    }

    /**
     * As {@link #failStale(Duration, int)}, and also every stale task of {@code failFastTypes},
     * whatever its attempt: job types whose tasks read files in the router's process, where a lost
     * worker may mean the file crashed it.
     */
    public List<OverdueTask> failStale(Duration staleAfter, int limit, List<String> failFastTypes) {
        return updateStale(TaskTransition.FAIL_STALE, staleAfter, limit, failFastTypes,
                "(attempt >= max_attempts or job_id in (select job_id from app.jobs where job_type = any(?)))",
                "status = 'failed', finished_at = now()",
                "case when t.attempt >= t.max_attempts then format('worker %s stopped sending heartbeats during attempt %s of %s "
                        + "(last at %s); no attempts left', s.claimed_by, t.attempt, t.max_attempts, s.heartbeat_at) "
                        + "else format('worker %s stopped sending heartbeats during attempt %s of %s (last at %s); this job type "
                        + "reads files with GDAL inside the router, so the file may have crashed it: failed after one lost worker, "
                        + "not retried on another router', s.claimed_by, t.attempt, t.max_attempts, s.heartbeat_at) end");
    }

    /** One set-based update of the stale tasks matching {@code attemptCondition}, with a worker_lost error. */
    private List<OverdueTask> updateStale(TaskTransition transition, Duration staleAfter, int limit, List<String> failFastTypes,
                                          String attemptCondition, String assignments, String messageSql) {
        return Sql.query(connection, "with stale as (select task_id, claimed_by, heartbeat_at from app.tasks "
                        + "where status = any(?) and heartbeat_at < now() - make_interval(secs => ?) and " + attemptCondition
                        + " order by heartbeat_at limit ? for update skip locked) "
                        + "update app.tasks t set " + assignments + ", updated_at = now(), "
                        + "error = jsonb_build_object('code', 'worker_lost', 'task_id', t.task_id, 'attempt', t.attempt, "
                        + "'message', " + messageSql + ") "
                        + "from stale s where t.task_id = s.task_id "
                        + "returning " + OVERDUE_RETURNING,
                TaskRepository::mapOverdue, transition.sourceNames(), seconds(staleAfter), failFastTypes.toArray(String[]::new), limit);
    }

    /**
     * Queued/retrying tasks of live jobs that have been due for longer than {@code overdueAfter}
     * without being claimed: their doorbell was lost. Each becomes due "now" again, so it is
     * only reported once per {@code overdueAfter}. Returns them with how long they had waited.
     */
    public List<OverdueTask> markOverdueDoorbells(Duration overdueAfter, int limit) {
        return Sql.query(connection, "with overdue as (select t.task_id, t.next_attempt_at as heartbeat_at, null::text as claimed_by "
                        + "from app.tasks t join app.jobs j on j.job_id = t.job_id "
                        + "where t.status in ('queued', 'retrying') and t.next_attempt_at < now() - make_interval(secs => ?) "
                        + "and j.status in ('queued', 'processing') order by t.next_attempt_at limit ? for update of t skip locked) "
                        + "update app.tasks t set next_attempt_at = now(), updated_at = now() "
                        + "from overdue s where t.task_id = s.task_id "
                        + "returning " + OVERDUE_RETURNING,
                TaskRepository::mapOverdue, seconds(overdueAfter), limit);
    }

    /** Every unfinished task of a job → cancelled; returns the ids cancelled. */
    public List<String> cancelUnfinished(String jobId) {
        return Sql.query(connection, "update app.tasks set status = 'cancelled', finished_at = now(), updated_at = now() "
                        + "where job_id = ? and status = any(?) returning task_id",
                rs -> rs.getString(1), jobId, TaskTransition.CANCEL.sourceNames());
    }

    /** Failed and cancelled tasks of a stage → queued as a new attempt with a fresh attempt budget. */
    public List<String> requeueUnsuccessful(String jobId, int stage, int maxAttempts) {
        return Sql.query(connection, "update app.tasks set status = 'queued', max_attempts = attempt + ?, "
                        + "next_attempt_at = now(), claimed_by = null, heartbeat_at = null, finished_at = null, updated_at = now() "
                        + "where job_id = ? and stage = ? and status = any(?) returning task_id",
                rs -> rs.getString(1), maxAttempts, jobId, stage, TaskTransition.REQUEUE_UNSUCCESSFUL.sourceNames());
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

    private static final String OVERDUE_RETURNING = "t.task_id, t.job_id, (select job_type from app.jobs j where j.job_id = t.job_id), "
            + "t.stage, t.status, t.attempt, t.max_attempts, s.claimed_by, s.heartbeat_at, extract(epoch from now() - s.heartbeat_at)::float8";

    private static OverdueTask mapOverdue(ResultSet rs) throws SQLException {
        return new OverdueTask(rs.getString(1), rs.getString(2), rs.getString(3), rs.getInt(4), TaskStatus.of(rs.getString(5)),
                rs.getInt(6), rs.getInt(7), rs.getString(8), rs.getObject(9, OffsetDateTime.class), rs.getDouble(10));
    }

    private static double seconds(Duration duration) {
        return duration.toMillis() / 1000.0;
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
