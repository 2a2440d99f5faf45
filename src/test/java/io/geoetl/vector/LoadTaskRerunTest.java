package io.geoetl.vector;

import static io.geoetl.vector.VectorTestSupport.assertPublished;
import static io.geoetl.vector.VectorTestSupport.count;
import static io.geoetl.vector.VectorTestSupport.execute;
import static io.geoetl.vector.VectorTestSupport.upload;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.geoetl.jobs.JobIds;
import io.geoetl.jobs.JobType;
import io.geoetl.jobs.JobTypeRegistry;
import io.geoetl.jobs.Json;
import io.geoetl.jobs.StageResults;
import io.geoetl.jobs.TaskContext;
import io.geoetl.jobs.TaskSpec;
import io.geoetl.testing.RunningRouter;
import io.geoetl.testing.TestServices;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A load task that runs again (a retry after its commit, a duplicate, a janitor requeue racing
 * the first run) leaves exactly one copy of its chunk. The router's own ingest_vector handler is
 * called directly, stage by stage, so a chunk can be run twice before finalize.
 */
class LoadTaskRerunTest {
    @TempDir
    Path work;

    @Test
    void runningALoadTaskTwiceOrTwiceAtOnceLeavesTheSameRowCount() throws Exception {
        TestServices.get().deleteAllJobs();
        execute("drop table if exists geo.rerun");
        execute("delete from geo.table_catalog where table_name = 'rerun'");
        StringBuilder features = new StringBuilder();
        for (int i = 0; i < 10; i++) {
            features.append(i == 0 ? "" : ",").append("{\"type\": \"Feature\", \"properties\": {\"n\": ").append(i)
                    .append("}, \"geometry\": {\"type\": \"Point\", \"coordinates\": [").append(i).append(", 1]}}");
        }
        upload(VectorTestSupport.container("vector-rerun"), "rerun.geojson",
                ("{\"type\": \"FeatureCollection\", \"features\": [" + features + "]}").getBytes(StandardCharsets.UTF_8));

        try (RunningRouter router = RunningRouter.builder().property("geoetl.work.dir", work.toString()).start()) {
            JobType ingest = router.bean("jobTypeRegistry", JobTypeRegistry.class).require("ingest_vector");
            ObjectNode parameters = ingest.normalise(Json.parse("{\"container\": \"vector-rerun\", \"blob_name\": \"rerun.geojson\", \"chunk_size\": 3}"));
            String jobId = JobIds.jobId("ingest_vector", parameters);
            JsonNode prepared = ingest.runTask(context(jobId, 1, 0, "prepare", 1, parameters, Json.object()));
            List<TaskSpec> loads = ingest.planStage(2, parameters, new StageResults(1, List.of(prepared), 0));
            assertThat(loads).hasSize(4);
            String staging = "geo_staging." + IngestPlan.stagingTableFor(jobId);

            ingest.runTask(context(jobId, 2, 0, "load", 1, parameters, loads.get(0).parameters()));
            assertThat(count("select count(*) from " + staging)).isEqualTo(3);
            ingest.runTask(context(jobId, 2, 0, "load", 2, parameters, loads.get(0).parameters()));
            assertThat(count("select count(*) from " + staging)).as("after running chunk 0 again").isEqualTo(3);

            CompletableFuture<JsonNode> first = CompletableFuture.supplyAsync(() -> run(ingest, context(jobId, 2, 1, "load", 1, parameters, loads.get(1).parameters())));
            CompletableFuture<JsonNode> second = CompletableFuture.supplyAsync(() -> run(ingest, context(jobId, 2, 1, "load", 2, parameters, loads.get(1).parameters())));
            first.get();
            second.get();
            assertThat(count("select count(*) from " + staging + " where geoetl_batch = 1")).as("chunk 1 run twice at once").isEqualTo(3);

            List<JsonNode> results = new ArrayList<>();
            for (int i = 0; i < loads.size(); i++) {
                results.add(ingest.runTask(context(jobId, 2, i, "load", 3, parameters, loads.get(i).parameters())));
            }
            assertThat(count("select count(*) from " + staging)).isEqualTo(10);
            assertThat(count("select count(*) from app.vector_ingest_batches where job_id = ?", jobId)).isEqualTo(4);
            List<TaskSpec> finalize = ingest.planStage(3, parameters, new StageResults(2, results, 0));
            JsonNode finished = ingest.runTask(context(jobId, 3, 0, "finalize", 1, parameters, finalize.get(0).parameters()));

            assertThat(finished.at("/cleaning/rows_written").asLong()).isEqualTo(10);
            assertPublished("geo", "rerun", 10, "MultiPoint", 4326);
            assertThat(count("select count(distinct id) from geo.rerun")).isEqualTo(10);
        }
    }

    private static JsonNode run(JobType type, TaskContext context) {
        try {
            return type.runTask(context);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static TaskContext context(String jobId, int stage, int index, String type, int attempt, JsonNode job, JsonNode task) {
        return new TaskContext(jobId, JobIds.taskId(jobId, stage, index), stage, index, type, attempt, job, task);
    }
}
