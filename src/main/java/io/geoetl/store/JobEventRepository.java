package io.geoetl.store;

import io.geoetl.jobs.JobEvent;
import io.geoetl.jobs.JobEventStore;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.List;

/** All SQL on app.job_events: append-only history of every transition. */
public final class JobEventRepository implements JobEventStore {
    private final Connection connection;

    JobEventRepository(Connection connection) {
        this.connection = connection;
    }

    public void append(JobEvent event) {
        appendAll(List.of(event));
    }

    public void appendAll(List<JobEvent> events) {
        if (events.isEmpty()) return;
        String sql = "insert into app.job_events (job_id, task_id, from_status, to_status, attempt, actor, reason) "
                + "values (?, ?, ?, ?, ?, ?, ?)";
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            for (JobEvent e : events) {
                Sql.bind(statement, e.jobId(), e.taskId(), e.fromStatus(), e.toStatus(), e.attempt(), e.actor(), e.reason());
                statement.addBatch();
            }
            statement.executeBatch();
        } catch (SQLException e) {
            throw new StoreException(e);
        }
    }

    /** The history of a job, oldest first; {@code taskId} null = all of it. */
    public List<JobEvent> list(String jobId, String taskId, int limit, long afterEventId) {
        return Sql.query(connection, "select event_id, job_id, task_id, from_status, to_status, attempt, actor, reason, created_at "
                        + "from app.job_events where job_id = ? and (?::text is null or task_id = ?) and event_id > ? "
                        + "order by event_id limit ?",
                rs -> new JobEvent(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                        (Integer) rs.getObject(6), rs.getString(7), rs.getString(8), rs.getObject(9, OffsetDateTime.class)),
                jobId, taskId, taskId, afterEventId, limit);
    }
}
