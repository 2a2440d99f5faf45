package io.geoetl.vector;

import static org.assertj.core.api.Assertions.assertThat;

import io.geoetl.testing.Api;
import io.geoetl.testing.RunningRouter;
import io.geoetl.testing.TestDb;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Defect 8 of issue 8: the sweep of old work folders (run at each prepare) must skip the folders of
 * jobs that are still running, however old; folders of finished jobs and of jobs that no longer
 * exist go once they are older than geoetl.work.leftover-max-age.
 */
class WorkFolderSweepTest {
    private static final String CONTAINER = "work-sweep";
    private final TestDb db = TestDb.shared();

    @TempDir
    Path work;
    @TempDir
    Path files;

    @Test
    void anOldFolderOfARunningJobSurvivesTheSweepAndOneOfAFinishedJobGoes() throws Exception {
        String running = newJob("processing");
        String queued = newJob("queued");
        String finished = newJob("completed");
        String failed = newJob("failed");
        String vanished = randomJobId();
        for (String job : List.of(running, queued, finished, failed, vanished)) oldFolder(job);

        String table = "sweep_" + UUID.randomUUID().toString().substring(0, 8);
        Path file = TestFiles.squares(files.resolve(table + ".gpkg"), "GPKG", table, 3, 4326, List.of());
        VectorTestSupport.upload(VectorTestSupport.container(CONTAINER), table + ".gpkg", file);
        try (RunningRouter router = RunningRouter.builder()
                .property("geoetl.work.dir", work.toString())
                .property("geoetl.work.leftover-max-age", "PT1H")
                .start()) {
            VectorTestSupport.completed(VectorTestSupport.ingest(new Api(router.baseUrl()),
                    "{\"container\": \"" + CONTAINER + "\", \"blob_name\": \"" + table + ".gpkg\", \"table_name\": \"" + table + "\"}"));
        } finally {
            db.exec("delete from app.jobs where job_id = any(?)", (Object) new String[] {running, queued, finished, failed});
            VectorTestSupport.execute("drop table if exists geo." + table);
            VectorTestSupport.execute("delete from geo.table_catalog where table_name = '" + table + "'");
        }

        assertThat(Files.exists(work.resolve(running))).as("folder of a processing job").isTrue();
        assertThat(Files.exists(work.resolve(running).resolve("source").resolve("data.bin"))).as("its file").isTrue();
        assertThat(Files.exists(work.resolve(queued))).as("folder of a queued job").isTrue();
        assertThat(Files.exists(work.resolve(finished))).as("folder of a completed job").isFalse();
        assertThat(Files.exists(work.resolve(failed))).as("folder of a failed job").isFalse();
        assertThat(Files.exists(work.resolve(vanished))).as("folder of a job that no longer exists").isFalse();
    }

    private String newJob(String status) {
        String jobId = randomJobId();
        db.exec("insert into app.jobs (job_id, job_type, parameters, status, total_stages) values (?, 'hello_world', '{}', ?, 1)",
                jobId, status);
        return jobId;
    }

    private static String randomJobId() {
        byte[] bytes = new byte[32];
        new SecureRandom().nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    /** A work folder with one file, last touched two hours ago. */
    private void oldFolder(String jobId) throws Exception {
        Path slot = Files.createDirectories(work.resolve(jobId).resolve("source"));
        Files.writeString(slot.resolve("data.bin"), "downloaded");
        FileTime old = FileTime.from(Instant.now().minus(Duration.ofHours(2)));
        for (Path path : List.of(slot.resolve("data.bin"), slot, work.resolve(jobId))) Files.setLastModifiedTime(path, old);
    }
}
