package io.geoetl.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.geoetl.jobs.Json;
import io.geoetl.jobs.TaskResult;
import io.geoetl.jobs.TaskStatus;
import io.geoetl.jobs.TaskTransition;
import io.geoetl.testing.TestDb;
import io.geoetl.testing.TestServices;
import java.sql.Connection;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Every task transition of the repository moves a task from exactly the states its row of
 * {@link TaskTransition} lists, and from no other: the SQL reads the one table.
 */
class TaskTransitionsTest {
    private static final TestDb db = TestDb.shared();
    private static final String JOB = "7".repeat(64);
    private static final String TASK = JOB + "-s1-t0";
    private static final String WORKER = "worker-a";

    /** Each transition, called the way the orchestration calls it on the one task of {@link #JOB}. */
    private static final Map<TaskTransition, BiConsumer<TaskRepository, String>> CALLS = new EnumMap<>(TaskTransition.class);

    static {
        CALLS.put(TaskTransition.CLAIM, (tasks, id) -> tasks.claim(id, "worker-b"));
        CALLS.put(TaskTransition.COMPLETE, (tasks, id) -> tasks.completeAll(WORKER, List.of(new TaskResult(id, 1, Json.object()))));
        CALLS.put(TaskTransition.SCHEDULE_RETRY, (tasks, id) -> tasks.scheduleRetry(id, WORKER, 1, Json.object(), Duration.ZERO));
        CALLS.put(TaskTransition.FAIL, (tasks, id) -> tasks.fail(id, WORKER, 1, Json.object()));
        CALLS.put(TaskTransition.RELEASE, (tasks, id) -> tasks.release(id, WORKER, 1));
        CALLS.put(TaskTransition.FAIL_WAITING, (tasks, id) -> tasks.failWaiting(id, Json.object()));
        CALLS.put(TaskTransition.CANCEL, (tasks, id) -> tasks.cancelUnfinished(JOB));
        CALLS.put(TaskTransition.REQUEUE_UNSUCCESSFUL, (tasks, id) -> tasks.requeueUnsuccessful(JOB, 1, 3));
        CALLS.put(TaskTransition.REQUEUE_STALE, (tasks, id) -> tasks.requeueStale(Duration.ofMinutes(1), 10));
        CALLS.put(TaskTransition.FAIL_STALE, (tasks, id) -> tasks.failStale(Duration.ofMinutes(1), 10));
    }

    @BeforeEach
    void emptyJobTable() {
        TestServices.get().deleteAllJobs();
    }

    @Test
    void everyTransitionIsExercised() {
        assertThat(CALLS.keySet()).containsExactlyInAnyOrder(TaskTransition.values());
    }

    @Test
    void eachTransitionMovesExactlyFromItsSources() throws Exception {
        for (TaskTransition transition : TaskTransition.values()) {
            for (TaskStatus from : TaskStatus.values()) {
                // a task every other condition of every transition accepts: claimed by WORKER in attempt 1,
                // due, heartbeat long ago; FAIL_STALE needs its attempts spent, REQUEUE_STALE some left
                int maxAttempts = transition == TaskTransition.FAIL_STALE ? 1 : 3;
                db.exec("delete from app.jobs where job_id = ?", JOB);
                db.exec("insert into app.jobs (job_id, job_type, parameters, status, total_stages) "
                        + "values (?, 'test', '{}', 'processing', 1)", JOB);
                db.exec("insert into app.tasks (task_id, job_id, stage, task_index, task_type, status, attempt, max_attempts, "
                        + "next_attempt_at, claimed_by, heartbeat_at) values (?, ?, 1, 0, 't', ?, 1, ?, now() - interval '1 hour', ?, "
                        + "now() - interval '1 hour')", TASK, JOB, from.dbName(), maxAttempts, WORKER);
                try (Connection connection = TestServices.get().connect()) {
                    CALLS.get(transition).accept(new TaskRepository(connection), TASK);
                }
                String now = (String) db.scalar("select status from app.tasks where task_id = ?", TASK);
                String expected = transition.sources().contains(from) ? transition.target().dbName() : from.dbName();
                assertThat(now).as("%s from %s", transition, from).isEqualTo(expected);
            }
        }
    }

    @Test
    void theStatusTableIsTheUnionOfTheTransitions() {
        assertThat(TaskStatus.QUEUED.allowedSources())
                .containsExactlyInAnyOrder(TaskStatus.PROCESSING, TaskStatus.FAILED, TaskStatus.CANCELLED);
        assertThat(TaskStatus.FAILED.allowedSources())
                .containsExactlyInAnyOrder(TaskStatus.PROCESSING, TaskStatus.QUEUED, TaskStatus.RETRYING);
        assertThat(TaskStatus.COMPLETED.allowedSources()).containsExactly(TaskStatus.PROCESSING);
    }
}
