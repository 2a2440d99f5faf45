package io.geoetl.store;

import com.fasterxml.jackson.databind.JsonNode;
import io.geoetl.jobs.Json;
import java.sql.Connection;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;

/** All SQL on app.janitor_runs: the record of janitor sweeps. */
public final class JanitorRunRepository {
    private final Connection connection;

    JanitorRunRepository(Connection connection) {
        this.connection = connection;
    }

    /** Records a sweep that started with this transaction and ends now. */
    public void record(String actor, String worker, int actionCount, JsonNode actions) {
        Sql.execute(connection, "insert into app.janitor_runs (started_at, finished_at, actor, worker, action_count, actions) "
                + "values (now(), clock_timestamp(), ?, ?, ?, ?::jsonb)", actor, worker, actionCount, Json.write(actions));
    }

    /** Newest first; {@code beforeRunId} pages back (0: from the newest). */
    public List<JanitorRun> list(int limit, long beforeRunId) {
        return Sql.query(connection, "select run_id, started_at, finished_at, actor, worker, action_count, actions::text "
                        + "from app.janitor_runs where (? = 0 or run_id < ?) order by run_id desc limit ?",
                rs -> new JanitorRun(rs.getLong(1), rs.getObject(2, OffsetDateTime.class), rs.getObject(3, OffsetDateTime.class),
                        rs.getString(4), rs.getString(5), rs.getInt(6), Json.parse(rs.getString(7))),
                beforeRunId, beforeRunId, limit);
    }

    /** Removes at most {@code batch} runs older than {@code kept}; returns how many. */
    public int prune(Duration kept, int batch) {
        return Sql.execute(connection, "delete from app.janitor_runs where run_id in (select run_id from app.janitor_runs "
                + "where started_at < now() - make_interval(secs => ?) order by run_id limit ?)", (double) kept.toSeconds(), batch);
    }
}
