package io.geoetl.testing;

import com.azure.core.util.BinaryData;
import com.azure.storage.blob.BlobContainerClient;
import com.azure.storage.blob.BlobServiceClientBuilder;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.geoetl.jobs.Job;
import io.geoetl.jobs.JobOutput;
import io.geoetl.jobs.JobType;
import io.geoetl.jobs.Json;
import io.geoetl.jobs.ParameterSchema;
import io.geoetl.jobs.StageResults;
import io.geoetl.jobs.TaskContext;
import io.geoetl.jobs.TaskSpec;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A test job type with real, idempotent side effects, shaped like a chunked load: each task of
 * stage "write" replaces its row of {@code geo.<table>} (DELETE + INSERT in one transaction, like
 * a vector chunk) and overwrites blob {@code <container>/<job_id>/task-<i>.txt}. Every run that
 * reaches its end also appends to {@code geo.<table>_runs}, so a test can tell how often each
 * task really ran to completion and on which router. Parameters:
 * <ul>
 *   <li>{@code n}: tasks; {@code table}, {@code container}: where to write; {@code label}: free text</li>
 *   <li>{@code sleep_ms}: each task first sleeps this long (interruptibly), only on the router
 *       named {@code sleep_on} when that is set: "the slow router", for crash and shutdown tests</li>
 * </ul>
 * Its outputs (for cleanup) are the table, the runs table and the job's blob prefix.
 */
public final class LedgerJobType implements JobType {
    private static final Pattern NAME = Pattern.compile("^[a-z_][a-z0-9_]{0,40}$");
    private static final Pattern CONTAINER = Pattern.compile("^[a-z0-9-]{3,63}$");
    private final TestDb db;
    private final String storageConnectionString;
    private final String router;

    /** {@code router}: this router's name, recorded with each run and matched against {@code sleep_on}. */
    public LedgerJobType(TestDb db, String storageConnectionString, String router) {
        this.db = db;
        this.storageConnectionString = storageConnectionString;
        this.router = router;
    }

    @Override
    public String name() {
        return "ledger";
    }

    @Override
    public String description() {
        return "Test job type: n tasks that each write one ledger row and one blob.";
    }

    @Override
    public ParameterSchema parameters() {
        return new ParameterSchema()
                .integer("n", "Tasks.", 4, 1, 10_000)
                .integer("sleep_ms", "How long a task sleeps.", 0, 0, 600_000)
                .string("sleep_on", "Where the task sleeps.", "", null, "")
                .string("table", "Ledger table.", "ledger", NAME, "lower-case letters, digits and _")
                .string("container", "Blob container.", "ledger-test", CONTAINER, "a blob container name")
                .string("label", "Makes otherwise equal jobs distinct.", "", null, "");
    }

    @Override
    public List<String> stageNames() {
        return List.of("write");
    }

    @Override
    public List<TaskSpec> planStage(int stage, JsonNode parameters, StageResults previous) {
        List<TaskSpec> tasks = new ArrayList<>();
        for (int i = 0; i < parameters.get("n").intValue(); i++) {
            tasks.add(new TaskSpec("write", Json.object().put("index", i)));
        }
        return tasks;
    }

    @Override
    public JsonNode runTask(TaskContext context) throws Exception {
        JsonNode p = context.jobParameters();
        int index = context.taskParameters().get("index").intValue();
        String sleepOn = p.get("sleep_on").asText();
        if (sleepOn.isEmpty() || sleepOn.equals(router)) {
            Thread.sleep(p.get("sleep_ms").intValue());
        }
        String table = "geo." + p.get("table").asText();
        try (Connection c = db.connect()) {
            c.setAutoCommit(false);
            try (Statement s = c.createStatement()) {
                s.execute("select pg_advisory_xact_lock(hashtext('" + table + "'))"); // concurrent CREATE IF NOT EXISTS can collide
                s.execute("create table if not exists " + table + " (job_id text, task_index int, attempt int, router text)");
                s.execute("create table if not exists " + table + "_runs (job_id text, task_index int, attempt int, router text)");
            }
            execute(c, "delete from " + table + " where job_id = ? and task_index = ?", context.jobId(), index);
            execute(c, "insert into " + table + " values (?, ?, ?, ?)", context.jobId(), index, context.attempt(), router);
            execute(c, "insert into " + table + "_runs values (?, ?, ?, ?)", context.jobId(), index, context.attempt(), router);
            c.commit();
        } catch (SQLException e) {
            throw new IllegalStateException("ledger write failed: " + e.getMessage(), e);
        }
        container(p).getBlobClient(context.jobId() + "/task-" + index + ".txt")
                .upload(BinaryData.fromString("task " + index + " of " + context.jobId() + "\n"), true);
        return Json.object().put("index", index);
    }

    @Override
    public JsonNode finish(JsonNode parameters, StageResults lastStage) {
        return Json.object().put("written", lastStage.results().size());
    }

    @Override
    public List<JobOutput> outputs(Job job) {
        String table = job.parameters().get("table").asText();
        return List.of(new JobOutput.Table("geo", table), new JobOutput.Table("geo", table + "_runs"),
                new JobOutput.BlobPrefix(job.parameters().get("container").asText(), job.jobId() + "/"));
    }

    private BlobContainerClient container(JsonNode parameters) {
        BlobContainerClient container = new BlobServiceClientBuilder().connectionString(storageConnectionString).buildClient()
                .getBlobContainerClient(parameters.get("container").asText());
        container.createIfNotExists();
        return container;
    }

    private static void execute(Connection c, String sql, Object... params) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) s.setObject(i + 1, params[i]);
            s.executeUpdate();
        }
    }
}
