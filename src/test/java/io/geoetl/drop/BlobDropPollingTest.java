package io.geoetl.drop;

import static org.assertj.core.api.Assertions.assertThat;

import com.azure.core.util.BinaryData;
import com.azure.storage.blob.BlobContainerClient;
import com.azure.storage.blob.BlobServiceClientBuilder;
import com.azure.storage.blob.models.BlockBlobItem;
import com.azure.storage.blob.options.BlobParallelUploadOptions;
import com.fasterxml.jackson.databind.JsonNode;
import io.geoetl.testing.Api;
import io.geoetl.testing.DroppedJobs;
import io.geoetl.testing.RunningRouter;
import io.geoetl.testing.SmallVectors;
import io.geoetl.testing.TestDb;
import io.geoetl.testing.TestServices;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.Properties;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The local default trigger: blobs uploaded to the watched container become jobs with no HTTP call,
 * run by the real ingest_vector on real (small) files: a completed job has published its table.
 */
class BlobDropPollingTest {
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final String CONTAINER = "drop-poll-" + UUID.randomUUID().toString().substring(0, 8);
    @TempDir
    static Path work;
    private static BlobContainerClient bronze;
    private static RunningRouter router;
    private static Api api;

    @BeforeAll
    static void start() {
        bronze = new BlobServiceClientBuilder().connectionString(TestServices.get().storageConnectionString).buildClient()
                .getBlobContainerClient(CONTAINER);
        router = pollingRouter();
        api = new Api(router.baseUrl());
    }

    @AfterAll
    static void stop() {
        router.close();
        bronze.deleteIfExists();
        DroppedJobs.dropTables("roads_2024", "land_parcels", "versions", "kept", "marker");
    }

    static RunningRouter pollingRouter() {
        return RunningRouter.builder()
                .property("geoetl.blob-drop.container", CONTAINER)
                .property("geoetl.blob-drop.poll.enabled", "true")
                .property("geoetl.blob-drop.poll.period", "300")
                // the configured endings plus one whose job type no router has
                .property("geoetl.blob-drop.job-types", configuredDropMapping() + ",.las:process_pointcloud")
                .property("geoetl.work.dir", work.toString())
                .start();
    }

    private static String configuredDropMapping() {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(Path.of("config/application.properties"))) {
            properties.load(reader);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return properties.getProperty("geoetl.blob-drop.job-types");
    }

    static String upload(String name, String content, Map<String, String> metadata) {
        BlockBlobItem item = bronze.getBlobClient(name).uploadWithResponse(
                new BlobParallelUploadOptions(BinaryData.fromString(content)).setMetadata(metadata), null, null).getValue();
        return DroppedJobs.unquote(item.getETag());
    }

    @Test
    void aBlobUploadedToBronzeBecomesACompletedJobWithParametersFromMetadataAndDefaults() {
        String etag = upload("incoming/Roads 2024.GeoJSON", SmallVectors.geoJson("roads", 950_000, 6_000_000, 1_000),
                Map.of("geoetl_source_crs", "EPSG:3857", "geoetl_layer_name", "roads", "uploader", "ignored"));

        String jobId = DroppedJobs.await(CONTAINER + "/incoming/Roads 2024.GeoJSON", etag, WAIT);
        JsonNode job = api.waitForFinal(jobId, WAIT);

        assertThat(job.get("status").asText()).as(job.toString()).isEqualTo("completed");
        assertThat(job.get("job_type").asText()).isEqualTo("ingest_vector");
        JsonNode received = job.get("parameters");
        assertThat(received.get("container").asText()).isEqualTo(CONTAINER);
        assertThat(received.get("blob_name").asText()).isEqualTo("incoming/Roads 2024.GeoJSON");
        assertThat(received.get("table_name").asText()).as("derived from the file name").isEqualTo("roads_2024");
        assertThat(received.get("source_crs").asText()).isEqualTo("EPSG:3857");
        assertThat(received.get("layer_name").asText()).isEqualTo("roads");
        assertThat(received.get("overwrite").asBoolean()).as("the drop default").isTrue();
        assertThat(received.get("target_crs").asText()).as("the job type's default").isEqualTo("EPSG:4326");
        assertThat(received.get("trigger").get("etag").asText()).isEqualTo(etag);
        assertThat(received.has("uploader")).isFalse();
        assertThat(job.get("result").get("tables")).extracting(JsonNode::asText).containsExactly("roads_2024");
        assertThat(job.get("result").get("source_crs").asText()).isEqualTo("EPSG:3857");
        assertThat(DroppedJobs.rows("roads_2024")).isEqualTo(2);
        JsonNode submitted = api.get("/api/jobs/" + jobId + "/events").body().get("events").get(0);
        assertThat(submitted.get("reason").asText()).isEqualTo("blob-drop (poll): " + CONTAINER + "/incoming/Roads 2024.GeoJSON etag " + etag);
    }

    @Test
    void aTableNameInTheMetadataWinsOverTheDerivedOne() {
        String etag = upload("parcels.csv", SmallVectors.csv(3), Map.of("geoetl_table_name", "land_parcels", "geoetl_source_crs", "EPSG:4326"));

        String jobId = DroppedJobs.await(CONTAINER + "/parcels.csv", etag, WAIT);

        JsonNode job = api.waitForFinal(jobId, WAIT);
        assertThat(job.get("status").asText()).as(job.toString()).isEqualTo("completed");
        assertThat(job.get("parameters").get("table_name").asText()).isEqualTo("land_parcels");
        assertThat(DroppedJobs.rows("land_parcels")).isEqualTo(3);
    }

    @Test
    void aNewVersionOfTheSameBlobIsANewJob() {
        String first = upload("versions.geojson", SmallVectors.geoJson(), Map.of());
        String firstJob = DroppedJobs.await(CONTAINER + "/versions.geojson", first, WAIT);
        assertThat(api.waitForFinal(firstJob, WAIT).get("status").asText()).isEqualTo("completed");

        String second = upload("versions.geojson", SmallVectors.geoJson("points", 8.5, 47.3, 0.2), Map.of());
        String secondJob = DroppedJobs.await(CONTAINER + "/versions.geojson", second, WAIT);

        assertThat(second).isNotEqualTo(first);
        assertThat(secondJob).isNotEqualTo(firstJob);
        assertThat(api.waitForFinal(secondJob, WAIT).get("status").asText()).isEqualTo("completed");
        assertThat(DroppedJobs.forBlob(CONTAINER + "/versions.geojson")).containsExactly(firstJob, secondJob);
        assertThat(TestDb.shared().scalar("select job_id from geo.table_catalog where schema_name = 'geo' and table_name = 'versions'"))
                .as("the second version replaced the table").isEqualTo(secondJob);
    }

    @Test
    void aFileWithAnUnknownExtensionBecomesAFailedJobNamingTheExtensionAndTheSupportedOnes() {
        String etag = upload("notes.xyz", "hello", Map.of());

        String jobId = DroppedJobs.await(CONTAINER + "/notes.xyz", etag, WAIT);
        JsonNode job = api.waitForFinal(jobId, WAIT);

        assertThat(job.get("status").asText()).isEqualTo("failed");
        assertThat(job.get("job_type").asText()).isEqualTo("rejected_drop");
        assertThat(job.get("error").get("code").asText()).isEqualTo("bad_input");
        assertThat(job.get("error").get("message").asText())
                .contains(CONTAINER + "/notes.xyz", "no job type takes files ending in .xyz", "supported extensions:", ".geojson", ".gpkg", ".tif")
                .contains("geoetl.blob-drop.job-types");
        assertThat(job.get("task_counts").get("total").asInt()).isZero();
    }

    @Test
    void aFileForAJobTypeThisRouterLacksBecomesAFailedJobNamingTheType() {
        String etag = upload("scene.las", "not really a point cloud", Map.of());

        JsonNode job = api.waitForFinal(DroppedJobs.await(CONTAINER + "/scene.las", etag, WAIT), WAIT);

        assertThat(job.get("status").asText()).isEqualTo("failed");
        assertThat(job.get("parameters").get("job_type").asText()).isEqualTo("process_pointcloud");
        assertThat(job.get("error").get("message").asText()).contains("files ending in .las go to job type process_pointcloud", "unknown job type");
    }

    @Test
    void metadataTheJobTypeRejectsBecomesAFailedJobListingTheProblems() {
        String etag = upload("bad-meta.geojson", SmallVectors.geoJson(), Map.of("geoetl_table_name", "x; drop table y", "geoetl_colour", "red"));

        JsonNode job = api.waitForFinal(DroppedJobs.await(CONTAINER + "/bad-meta.geojson", etag, WAIT), WAIT);

        assertThat(job.get("status").asText()).isEqualTo("failed");
        assertThat(job.get("job_type").asText()).isEqualTo("rejected_drop");
        assertThat(job.get("error").get("message").asText())
                .contains("ingest_vector rejected the parameters taken from the blob's metadata")
                .contains("table_name must match", "unknown parameter colour");
    }

    @Test
    void aRestartedRouterSubmitsNothingForBlobsItAlreadySubmitted() {
        String etag = upload("restart/kept.geojson", SmallVectors.geoJson(), Map.of());
        String jobId = DroppedJobs.await(CONTAINER + "/restart/kept.geojson", etag, WAIT);
        assertThat(api.waitForFinal(jobId, WAIT).get("status").asText()).isEqualTo("completed");
        int eventsBefore = api.get("/api/jobs/" + jobId + "/events").body().get("events").size();

        router.close();
        router = pollingRouter();
        api = new Api(router.baseUrl());
        // every poll lists the whole container: once the marker's job exists, the restarted router has listed kept.gpkg too
        String marker = upload("restart/marker.geojson", SmallVectors.geoJson(), Map.of());
        DroppedJobs.await(CONTAINER + "/restart/marker.geojson", marker, WAIT);

        assertThat(DroppedJobs.forBlob(CONTAINER + "/restart/kept.geojson")).containsExactly(jobId);
        assertThat(DroppedJobs.ledger(CONTAINER, "restart/kept.geojson")).containsExactly(etag + " poll " + jobId);
        assertThat(api.get("/api/jobs/" + jobId + "/events").body().get("events").size()).isEqualTo(eventsBefore);
    }
}
