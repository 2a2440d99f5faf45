package io.geoetl.ops;

import static org.assertj.core.api.Assertions.assertThat;

import com.azure.storage.blob.BlobContainerClient;
import com.azure.storage.blob.BlobServiceClientBuilder;
import com.fasterxml.jackson.databind.JsonNode;
import io.geoetl.gdal.GdalRuntime;
import io.geoetl.testing.Api;
import io.geoetl.testing.RouterProcess;
import io.geoetl.testing.RunningRouter;
import io.geoetl.testing.ServiceAddresses;
import io.geoetl.testing.TestDb;
import io.geoetl.testing.TestServices;
import io.geoetl.testing.TripleDelivery;
import io.geoetl.testing.Waits;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.Vector;
import java.util.concurrent.atomic.AtomicReference;
import org.gdal.ogr.DataSource;
import org.gdal.ogr.Feature;
import org.gdal.ogr.FieldDefn;
import org.gdal.ogr.Geometry;
import org.gdal.ogr.Layer;
import org.gdal.ogr.ogr;
import org.gdal.osr.SpatialReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The two fault must-shows of issue 4 that need a real vector ingest (ingest_vector, real
 * GeoPackage in Azurite, real PostGIS): a router killed with kill -9 in the middle of the load
 * stage, and every task doorbell delivered three times in random order. Both end with exactly one
 * row per feature: the table's {@code id} is the feature's position, so a batch loaded twice
 * would show as duplicate ids or too many rows.
 */
class VectorFaultsTest {
    private static final String CONTAINER = "vector-faults";
    private final TestDb db = TestDb.shared();

    @TempDir
    Path work;

    /**
     * A second router runs (in this JVM, janitor every second, heartbeats stale after 3 s); the
     * victim, a router process, takes most load doorbells (it fetches up to 32 per poll, the
     * survivor one) and is killed while it runs load tasks. The survivor's janitor requeues the
     * victim's running tasks and re-sends the doorbells it held but never claimed.
     */
    @Test
    void aRouterKilledMidLoadLeavesExactlyOneRowPerFeature() {
        TestServices.get().deleteAllJobs();
        int features = 600_000;
        int chunkSize = 50_000;
        int loads = features / chunkSize;
        String table = "vcrash_" + UUID.randomUUID().toString().substring(0, 8);
        String blob = table + ".gpkg";
        upload(blob, points(work.resolve(blob), features));
        String victimName = "vector-victim-" + UUID.randomUUID().toString().substring(0, 8);
        String queue = "test-vcrash-" + UUID.randomUUID().toString().substring(0, 8);

        try (RunningRouter survivor = survivor(queue);
             RouterProcess victim = victim(victimName, queue)) {
            Api.Reply submitted = new Api(victim.baseUrl()).submit("ingest_vector",
                    "{\"container\": \"" + CONTAINER + "\", \"blob_name\": \"" + blob + "\", \"table_name\": \"" + table
                            + "\", \"chunk_size\": " + chunkSize + "}");
            assertThat(submitted.status()).as(submitted.text()).isEqualTo(201);
            String jobId = submitted.body().get("job_id").asText();
            awaitVictimLoading(jobId, victimName);

            victim.killHard();
            List<String> cutShort = db.column("select task_id from app.tasks where job_id = ? and status = 'processing' "
                    + "and claimed_by = ? and task_type = 'load' order by task_id", jobId, victimName);
            JsonNode job = new Api(survivor.baseUrl()).waitForFinal(jobId, Duration.ofMinutes(4));

            assertThat(job.get("status").asText()).as(job.toPrettyString()).isEqualTo("completed");
            assertOneRowPerFeature(table, features);
            assertThat(cutShort).as("load tasks running on the victim when it was killed").isNotEmpty();
            List<String> requeued = db.column("select task_id from app.job_events where job_id = ? and actor = 'janitor' "
                    + "and from_status = 'processing' and to_status = 'queued' order by task_id", jobId);
            assertThat(requeued).as("janitor requeues").containsAll(cutShort);
            assertThat(db.column("select reason from app.job_events where job_id = ? and actor = 'janitor' and to_status = 'queued' "
                    + "and from_status = 'processing'", jobId))
                    .allSatisfy(reason -> assertThat(reason).contains("worker " + victimName + " sent no heartbeat"));
            assertThat(db.count("select count(*) from app.tasks where job_id = ? and task_type = 'load' and status = 'completed'", jobId))
                    .isEqualTo(loads);
            assertThat(db.rows("select task_id, count(e.event_id) as completions from app.tasks t left join app.job_events e "
                    + "using (job_id, task_id) where t.job_id = ? and t.task_type = 'load' and e.to_status = 'completed' "
                    + "group by task_id", jobId))
                    .as("one completed event per load task").hasSize(loads)
                    .allSatisfy(row -> assertThat(((Number) row.get("completions")).longValue()).isEqualTo(1));
            assertThat(db.column("select claimed_by from app.tasks where task_id = any(?)", (Object) cutShort.toArray(String[]::new)))
                    .as("the cut-short tasks were finished by the survivor").doesNotContain(victimName).hasSize(cutShort.size());
            System.out.printf(Locale.ROOT, "kill -9 mid-load: %d loads finished by the victim before, %d cut short, %d janitor requeues, "
                    + "%d doorbells re-sent, %d rows%n",
                    db.count("select count(*) from app.job_events e join app.tasks t using (task_id) where e.job_id = ? "
                            + "and t.task_type = 'load' and e.to_status = 'completed' and e.actor = ?", jobId, victimName),
                    cutShort.size(), requeued.size(),
                    db.count("select count(*) from app.job_events where job_id = ? and actor = 'janitor' and from_status = 'queued'", jobId),
                    db.count("select count(*) from geo." + table));
        } finally {
            dropTable(table);
        }
    }

    /** Every doorbell sent three times, shuffled, two copies late: each task claimed once, each row written once. */
    @Test
    void aVectorIngestWithEveryDoorbellTripledWritesEachRowOnce() {
        TestServices.get().deleteAllJobs();
        int features = 30_000;
        int chunkSize = 2_500;
        int tasks = 1 + features / chunkSize + 1;
        String table = "vtriple_" + UUID.randomUUID().toString().substring(0, 8);
        String blob = table + ".gpkg";
        upload(blob, points(work.resolve(blob), features));
        AtomicReference<TripleDelivery> injector = new AtomicReference<>();

        try (RunningRouter router = RunningRouter.builder()
                .property("geoetl.work.dir", work.resolve("triple").toString())
                .decorateTaskQueue(queue -> {
                    injector.set(new TripleDelivery(queue));
                    return injector.get();
                })
                .start()) {
            Api api = new Api(router.baseUrl());
            Api.Reply submitted = api.submit("ingest_vector", "{\"container\": \"" + CONTAINER + "\", \"blob_name\": \"" + blob
                    + "\", \"table_name\": \"" + table + "\", \"chunk_size\": " + chunkSize + "}");
            assertThat(submitted.status()).as(submitted.text()).isEqualTo(201);
            String jobId = submitted.body().get("job_id").asText();

            JsonNode job = api.waitForFinal(jobId, Duration.ofMinutes(3));

            assertThat(job.get("status").asText()).as(job.toPrettyString()).isEqualTo("completed");
            assertOneRowPerFeature(table, features);
            assertThat(db.count("select count(*) from app.tasks where job_id = ?", jobId)).isEqualTo(tasks);
            assertThat(db.count("select count(*) from app.job_events where job_id = ? and to_status = 'processing' and task_id is not null",
                    jobId)).as("claims").isEqualTo(tasks);
            assertThat(db.count("select count(*) from app.tasks where job_id = ? and attempt = 1 and status = 'completed'", jobId))
                    .isEqualTo(tasks);
            assertThat(injector.get().sent()).isGreaterThanOrEqualTo(3L * tasks);
            System.out.printf(Locale.ROOT, "triple delivery: %d tasks, %d doorbells sent, %d rows%n", tasks, injector.get().sent(),
                    db.count("select count(*) from geo." + table));
        } finally {
            dropTable(table);
        }
    }

    /** The table has one row per feature, ids 1..features each once, and the catalog says so. */
    private void assertOneRowPerFeature(String table, int features) {
        assertThat(db.count("select count(*) from geo." + table)).as("rows").isEqualTo(features);
        assertThat(db.scalar("select count(*) = count(distinct id) from geo." + table)).as("ids distinct").isEqualTo(true);
        assertThat(db.count("select count(*) from geo." + table + " where id between 1 and ?", features)).isEqualTo(features);
        assertThat(db.count("select feature_count from geo.table_catalog where schema_name = 'geo' and table_name = ?", table))
                .as("catalog feature_count").isEqualTo(features);
    }

    /**
     * Waits (polling fast, as a chunk loads in about a second) until the victim has its copy of the
     * source (the work folder's "ready" marker: its load tasks are past the download, reading
     * features into COPY) and runs at least two load tasks.
     */
    private void awaitVictimLoading(String jobId, String victimName) {
        Path downloaded = work.resolve("victim").resolve(jobId).resolve("source").resolve("ready");
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        while (!Files.exists(downloaded) || db.count("select count(*) from app.tasks where job_id = ? and status = 'processing' "
                + "and claimed_by = ? and task_type = 'load'", jobId, victimName) < 2) {
            String status = (String) db.scalar("select status from app.jobs where job_id = ?", jobId);
            if (System.nanoTime() > deadline || !List.of("queued", "processing").contains(status)) {
                throw new AssertionError("the victim never ran two load tasks at once; job " + status + ", tasks: "
                        + db.rows("select task_type, status, claimed_by from app.tasks where job_id = ? order by task_id", jobId));
            }
            Waits.sleep(20);
        }
    }

    /** The router in this JVM that outlives the crash: fast janitor, one message per poll. */
    private RunningRouter survivor(String queue) {
        return RunningRouter.builder().queue(queue)
                .property("geoetl.worker.max-messages", "1")
                .property("geoetl.janitor.cron", "0/1 * * * * ?")
                .property("geoetl.janitor.stale-after", "PT3S")
                .property("geoetl.janitor.lost-doorbell-after", "PT5S")
                .property("geoetl.tasks.heartbeat-interval", "PT0.5S")
                .property("geoetl.work.dir", work.resolve("survivor").toString())
                .start();
    }

    /** The router process killed by the test; it runs no janitor of its own. */
    private RouterProcess victim(String name, String queue) {
        return RouterProcess.builder(ServiceAddresses.shared()).name(name).queue(queue)
                .property("geoetl.worker.concurrency", "4")
                .property("geoetl.tasks.heartbeat-interval", "PT0.5S")
                .property("geoetl.janitor.enabled", "false")
                .property("geoetl.work.dir", work.resolve("victim").toString())
                .start();
    }

    private static void upload(String blobName, Path file) {
        BlobContainerClient container = new BlobServiceClientBuilder()
                .connectionString(TestServices.get().storageConnectionString).buildClient().getBlobContainerClient(CONTAINER);
        container.createIfNotExists();
        container.getBlobClient(blobName).uploadFromFile(file.toString(), true);
    }

    /** A GeoPackage of {@code n} points (EPSG:4326) on a grid, with a text and a real field. */
    private static Path points(Path file, int n) {
        GdalRuntime.init();
        DataSource dataset = ogr.GetDriverByName("GPKG").CreateDataSource(file.toString());
        SpatialReference wgs84 = new SpatialReference();
        wgs84.ImportFromEPSG(4326);
        Layer layer = dataset.CreateLayer("points", wgs84, ogr.wkbPoint, new Vector<>(List.of("SPATIAL_INDEX=NO")));
        layer.CreateField(new FieldDefn("label", ogr.OFTString));
        layer.CreateField(new FieldDefn("value", ogr.OFTReal));
        layer.StartTransaction();
        for (int i = 0; i < n; i++) {
            Feature feature = new Feature(layer.GetLayerDefn());
            feature.SetField("label", "point " + i);
            feature.SetField("value", i * 0.5);
            Geometry point = new Geometry(ogr.wkbPoint);
            point.AddPoint_2D(-170 + (i % 1000) * 0.3, -80 + (i / 1000) * 0.0002);
            feature.SetGeometryDirectly(point);
            layer.CreateFeature(feature);
            feature.delete();
        }
        layer.CommitTransaction();
        wgs84.delete();
        dataset.delete();
        return file;
    }

    private void dropTable(String table) {
        db.exec("drop table if exists geo." + table);
        db.exec("delete from geo.table_catalog where schema_name = 'geo' and table_name = ?", table);
    }
}
