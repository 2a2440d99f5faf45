package io.geoetl.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.geoetl.testing.TestDb;
import io.geoetl.testing.TestServices;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The stage check after every group commit ({@link TaskRepository#stagesDone}) reads app.tasks
 * through the (job_id, stage, status) index. When its job ids were compared as text, the column was
 * cast, the index could not serve, and each call read every live task (100 ms per commit with
 * 40,000 tasks waiting): on a table of that size the plan must name the index and no sequential scan.
 */
class StageCheckPlanTest {
    private static final TestDb db = TestDb.shared();
    private static final int JOBS = 200;
    private static final int TASKS_PER_JOB = 200;

    @BeforeAll
    static void fortyThousandLiveTasks() {
        TestServices.get().deleteAllJobs();
        db.exec("insert into app.jobs (job_id, job_type, parameters, total_stages) "
                + "select lpad(to_hex(j), 64, '0'), 'hello_world', '{}', 2 from generate_series(1, ?) j", JOBS);
        db.exec("insert into app.tasks (task_id, job_id, stage, task_index, task_type, max_attempts, status) "
                + "select lpad(to_hex(j), 64, '0') || '-s1-t' || i, lpad(to_hex(j), 64, '0'), 1, i, 'greet', 3, "
                + "(array['queued', 'processing', 'completed'])[1 + i % 3] "
                + "from generate_series(1, ?) j, generate_series(0, ? - 1) i", JOBS, TASKS_PER_JOB);
        db.exec("analyze app.tasks");
    }

    @AfterAll
    static void removeThem() {
        TestServices.get().deleteAllJobs();
    }

    @Test
    void theStageCheckReadsTasksThroughTheJobStageStatusIndex() throws Exception {
        String plan = explain(TaskRepository.STAGES_DONE);
        assertThat(plan).as(plan).contains("tasks_job_stage_idx").doesNotContain("Seq Scan on tasks");
    }

    @Test
    void theSameCheckWithTextIdsWouldScanEveryTask() throws Exception {
        // the regression this test guards against: it shows that the plan text tells the two apart
        String plan = explain(TaskRepository.STAGES_DONE.replace("?::char(64)[]", "?::text[]"));
        assertThat(plan).as(plan).contains("Seq Scan on tasks");
    }

    private static String explain(String statement) throws Exception {
        String[] jobIds = new String[8];
        Integer[] stages = new Integer[8];
        for (int i = 0; i < 8; i++) {
            jobIds[i] = "0".repeat(62) + String.format("%02x", 10 + i * 20);
            stages[i] = 1;
        }
        try (Connection c = db.connect(); PreparedStatement explain = c.prepareStatement("explain " + statement)) {
            explain.setArray(1, c.createArrayOf("text", jobIds));
            explain.setArray(2, c.createArrayOf("int4", stages));
            List<String> lines = new ArrayList<>();
            try (ResultSet rs = explain.executeQuery()) {
                while (rs.next()) lines.add(rs.getString(1));
            }
            return String.join("\n", lines);
        }
    }
}
