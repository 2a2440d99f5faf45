package io.geoetl.raster;

import static io.geoetl.raster.RasterTestSupport.completed;
import static io.geoetl.raster.RasterTestSupport.process;
import static io.geoetl.raster.RasterTestSupport.shared;
import static io.geoetl.raster.RasterTestSupport.upload;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.geoetl.jobs.JobIds;
import io.geoetl.testing.Api;
import io.geoetl.testing.RunningRouter;
import io.geoetl.testing.TestDb;
import java.nio.file.Path;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * GDAL reads rasters inside the router, so a hostile file may crash it: a process_raster task whose
 * worker was lost is failed by the janitor after that one lost worker (with a message saying so),
 * on its first attempt, instead of being handed to the next router.
 */
class RasterLostWorkerTest {
    private static final String GHOST = "ghost-router:1:crashed";
    private static final TestDb db = TestDb.shared();
    private static RunningRouter router;
    private static Api api;
    @TempDir
    static Path work;

    @BeforeAll
    static void start() {
        router = RunningRouter.builder().property("geoetl.work.dir", work.toString())
                .property("geoetl.janitor.enabled", "false")
                .property("geoetl.janitor.stale-after", "PT2S")
                .property("geoetl.tasks.heartbeat-interval", "PT0.5S").start();
        api = new Api(router.baseUrl());
    }

    @AfterAll
    static void stop() {
        if (router != null) router.close();
    }

    @Test
    void aRasterTaskWhoseWorkerWasLostFailsOnItsFirstAttempt() {
        String blob = UUID.randomUUID().toString().substring(0, 8) + "/lost.tif";
        upload(RasterTestSupport.container("raster-lost"), blob, shared("byte.tif"));
        JsonNode job = process(api, "{\"container\": \"raster-lost\", \"blob_name\": \"" + blob + "\", \"collection_id\": \"raster-lost\"}");
        completed(job);
        String jobId = job.get("job_id").asText();
        String taskId = JobIds.taskId(jobId, 3, 0);
        db.exec("update app.jobs set status = 'processing', result = null, finished_at = null where job_id = ?", jobId);
        db.exec("update app.tasks set status = 'processing', claimed_by = ?, heartbeat_at = now() - interval '1 hour', "
                + "finished_at = null, result = null, attempt = 1 where task_id = ?", GHOST, taskId);

        JsonNode report = api.post("/api/dbadmin/janitor/run", "").body();

        assertThat(report.get("actions").toString()).contains("task_failed").doesNotContain("task_requeued");
        JsonNode after = api.get("/api/jobs/" + jobId).body();
        assertThat(after.get("status").asText()).isEqualTo("failed");
        assertThat(after.at("/error/code").asText()).isEqualTo("worker_lost");
        assertThat(after.at("/error/message").asText()).contains(GHOST).contains("failed after one lost worker");
        assertThat(db.scalar("select attempt from app.tasks where task_id = ?", taskId)).isEqualTo(1);
    }
}
