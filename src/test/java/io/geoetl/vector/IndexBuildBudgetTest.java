package io.geoetl.vector;

import static org.assertj.core.api.Assertions.assertThat;

import com.azure.storage.blob.BlobContainerClient;
import com.fasterxml.jackson.databind.JsonNode;
import io.geoetl.gdal.GdalRuntime;
import io.geoetl.jobs.JobIds;
import io.geoetl.jobs.JobTypeRegistry;
import io.geoetl.jobs.Json;
import io.geoetl.testing.Api;
import io.geoetl.testing.RunningRouter;
import io.geoetl.testing.TestDb;
import io.geoetl.testing.TestServices;
import io.geoetl.testing.Waits;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Defect 4 of issue 8: finalize's index builds must not take every pooled connection. A router
 * with a pool of 6 and 4 workers finalizes three ingests at once while every one of their index
 * builds is held up (the test holds, in an open transaction, a relation of the same name as each
 * index, so each CREATE INDEX waits on it with its connection). Claims, task transactions and
 * heartbeats must go on: a hello_world job submitted meanwhile completes and the finalize tasks'
 * heartbeats advance. Once the test lets go, every index is built and every job completes.
 */
class IndexBuildBudgetTest {
    private static final String CONTAINER = "index-budget";
    private static final int INGESTS = 3;
    private final TestDb db = TestDb.shared();

    @TempDir
    Path work;

    @Test
    void blockedIndexBuildsLeaveTheOrchestrationItsConnections() throws Exception {
        GdalRuntime.init();
        TestServices.get().deleteAllJobs(); // the hello_world job id is the same on every run
        BlobContainerClient container = VectorTestSupport.container(CONTAINER);
        String prefix = "ibudget_" + UUID.randomUUID().toString().substring(0, 6);
        try (RunningRouter router = RunningRouter.builder()
                .property("geoetl.db.pool-size", "6")
                .property("geoetl.worker.concurrency", "4")
                .property("geoetl.tasks.heartbeat-interval", "PT1S")
                .property("geoetl.janitor.enabled", "false")
                .start();
             Connection blocker = TestServices.get().connect()) {
            Api api = new Api(router.baseUrl());
            JobTypeRegistry types = router.bean("jobTypeRegistry", JobTypeRegistry.class);
            blocker.setAutoCommit(false);
            List<String> jobIds = new ArrayList<>();
            List<String> tables = new ArrayList<>();
            for (int i = 0; i < INGESTS; i++) {
                String table = prefix + "_" + i;
                Path file = TestFiles.squares(work.resolve(table + ".gpkg"), "GPKG", table, 40, 4326, List.of());
                VectorTestSupport.upload(container, table + ".gpkg", file);
                String parameters = "{\"container\": \"" + CONTAINER + "\", \"blob_name\": \"" + table + ".gpkg\", \"table_name\": \""
                        + table + "\", \"index_columns\": [\"name\"]}";
                String jobId = JobIds.jobId("ingest_vector", types.require("ingest_vector").normalise(Json.parse(parameters)));
                holdIndexNames(blocker, IngestPlan.stagingTableFor(jobId));
                jobIds.add(jobId);
                tables.add(table);
                Api.Reply submitted = api.submit("ingest_vector", parameters);
                assertThat(submitted.status()).as(submitted.text()).isEqualTo(201);
                assertThat(submitted.body().get("job_id").asText()).isEqualTo(jobId);
            }

            Waits.until("three finalize tasks running with index builds waiting", Duration.ofMinutes(2), () ->
                    db.count("select count(*) from app.tasks where job_id = any(?) and task_type = 'finalize' and status = 'processing'",
                            (Object) jobIds.toArray(String[]::new)) == INGESTS && waitingIndexBuilds() > 0);

            Map<String, Double> beats = heartbeats(jobIds);
            Api.Reply hello = api.submit("hello_world", "{\"n\": 2}");
            assertThat(hello.status()).as("a submission while the index builds wait: " + hello.text()).isEqualTo(201);
            JsonNode helloJob = api.waitForFinal(hello.body().get("job_id").asText(), Duration.ofSeconds(60));
            assertThat(helloJob.get("status").asText()).as(helloJob.toPrettyString()).isEqualTo("completed");
            Waits.until("the finalize tasks' heartbeats advance", Duration.ofSeconds(20), () -> {
                Map<String, Double> now = heartbeats(jobIds);
                return now.keySet().equals(beats.keySet()) && now.entrySet().stream().allMatch(e -> e.getValue() > beats.get(e.getKey()));
            });
            assertThat(db.count("select count(*) from app.tasks where job_id = any(?) and status = 'processing' and task_type = 'finalize'",
                    (Object) jobIds.toArray(String[]::new))).as("finalize tasks still waiting on their indexes").isEqualTo(INGESTS);

            blocker.rollback();
            for (int i = 0; i < INGESTS; i++) {
                VectorTestSupport.completed(api.waitForFinal(jobIds.get(i), Duration.ofMinutes(2)));
                VectorTestSupport.assertPublished("geo", tables.get(i), 40, "MultiPolygon", 4326);
                assertThat(db.count("select count(*) from pg_indexes where schemaname = 'geo' and tablename = ? and indexdef like '%(name)%'",
                        tables.get(i))).as("index on name of " + tables.get(i)).isEqualTo(1);
                assertThat(db.count("select count(*) from pg_constraint where contype = 'p' and conrelid = ?::regclass",
                        "geo." + tables.get(i))).as("primary key of " + tables.get(i)).isEqualTo(1);
            }
        }
    }

    /** Creates (uncommitted) relations named like each index of the staging table: a CREATE INDEX of that name waits for this transaction. */
    private static void holdIndexNames(Connection blocker, String stagingTable) throws Exception {
        try (Statement statement = blocker.createStatement()) {
            for (String suffix : List.of("_pkey", "_geom_idx", "_name_idx")) {
                statement.execute("create table geo_staging.\"" + stagingTable + suffix + "\" (x int)");
            }
        }
    }

    private long waitingIndexBuilds() {
        return db.count("select count(*) from pg_stat_activity where wait_event_type = 'Lock' and query ilike 'create %index if not exists%'");
    }

    /** task id → heartbeat_at (epoch seconds) of the running finalize tasks. */
    private Map<String, Double> heartbeats(List<String> jobIds) {
        Map<String, Double> beats = new HashMap<>();
        db.rows("select task_id, extract(epoch from heartbeat_at)::float8 as beat from app.tasks where job_id = any(?) "
                        + "and task_type = 'finalize' and status = 'processing'", (Object) jobIds.toArray(String[]::new))
                .forEach(row -> beats.put((String) row.get("task_id"), (Double) row.get("beat")));
        return beats;
    }
}
