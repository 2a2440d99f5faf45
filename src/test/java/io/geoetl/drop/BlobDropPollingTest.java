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
import io.geoetl.testing.StandInIngestVector;
import io.geoetl.testing.TestServices;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The local default trigger: blobs uploaded to the watched container become jobs with no HTTP call. */
class BlobDropPollingTest {
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final String CONTAINER = "drop-poll-" + UUID.randomUUID().toString().substring(0, 8);
    private static final StandInIngestVector INGEST = new StandInIngestVector();
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
    }

    static RunningRouter pollingRouter() {
        return RunningRouter.builder()
                .property("geoetl.blob-drop.container", CONTAINER)
                .property("geoetl.blob-drop.poll.enabled", "true")
                .property("geoetl.blob-drop.poll.period", "300")
                .jobTypes(r -> r.register(INGEST))
                .property("geoetl.blob-drop.job-types", StandInIngestVector.DROP_MAPPING)
                .property("geoetl.blob-drop.default-parameters", StandInIngestVector.NAME + ":overwrite=true")
                .start();
    }

    static String upload(String name, String content, Map<String, String> metadata) {
        BlockBlobItem item = bronze.getBlobClient(name).uploadWithResponse(
                new BlobParallelUploadOptions(BinaryData.fromString(content)).setMetadata(metadata), null, null).getValue();
        return DroppedJobs.unquote(item.getETag());
    }

    @Test
    void aBlobUploadedToBronzeBecomesACompletedJobWithParametersFromMetadataAndDefaults() {
        String etag = upload("incoming/Roads 2024.GeoJSON", "{\"type\": \"FeatureCollection\", \"features\": []}",
                Map.of("geoetl_source_crs", "EPSG:3857", "geoetl_layer_name", "roads", "uploader", "ignored"));

        String jobId = DroppedJobs.await(CONTAINER + "/incoming/Roads 2024.GeoJSON", etag, WAIT);
        JsonNode job = api.waitForFinal(jobId, WAIT);

        assertThat(job.get("status").asText()).as(job.toString()).isEqualTo("completed");
        assertThat(job.get("job_type").asText()).isEqualTo(StandInIngestVector.NAME);
        JsonNode received = INGEST.received.get(jobId);
        assertThat(received.get("container").asText()).isEqualTo(CONTAINER);
        assertThat(received.get("blob_name").asText()).isEqualTo("incoming/Roads 2024.GeoJSON");
        assertThat(received.get("table_name").asText()).as("derived from the file name").isEqualTo("roads_2024");
        assertThat(received.get("source_crs").asText()).isEqualTo("EPSG:3857");
        assertThat(received.get("layer_name").asText()).isEqualTo("roads");
        assertThat(received.get("overwrite").asBoolean()).as("the drop default").isTrue();
        assertThat(received.get("target_crs").asText()).as("the job type's default").isEqualTo("EPSG:4326");
        assertThat(received.get("trigger").get("etag").asText()).isEqualTo(etag);
        assertThat(received.has("uploader")).isFalse();
        assertThat(job.get("result").get("table").asText()).isEqualTo("geo.roads_2024");
        JsonNode submitted = api.get("/api/jobs/" + jobId + "/events").body().get("events").get(0);
        assertThat(submitted.get("reason").asText()).isEqualTo("blob-drop (poll): " + CONTAINER + "/incoming/Roads 2024.GeoJSON etag " + etag);
    }

    @Test
    void aTableNameInTheMetadataWinsOverTheDerivedOne() {
        String etag = upload("parcels.csv", "id,wkt\n", Map.of("geoetl_table_name", "land_parcels"));

        String jobId = DroppedJobs.await(CONTAINER + "/parcels.csv", etag, WAIT);

        assertThat(api.waitForFinal(jobId, WAIT).get("status").asText()).isEqualTo("completed");
        assertThat(INGEST.received.get(jobId).get("table_name").asText()).isEqualTo("land_parcels");
    }

    @Test
    void aNewVersionOfTheSameBlobIsANewJob() {
        String first = upload("versions.geojson", "{\"v\": 1}", Map.of());
        String firstJob = DroppedJobs.await(CONTAINER + "/versions.geojson", first, WAIT);
        api.waitForFinal(firstJob, WAIT);

        String second = upload("versions.geojson", "{\"v\": 2}", Map.of());
        String secondJob = DroppedJobs.await(CONTAINER + "/versions.geojson", second, WAIT);

        assertThat(second).isNotEqualTo(first);
        assertThat(secondJob).isNotEqualTo(firstJob);
        assertThat(api.waitForFinal(secondJob, WAIT).get("status").asText()).isEqualTo("completed");
        assertThat(DroppedJobs.forBlob(CONTAINER + "/versions.geojson")).containsExactly(firstJob, secondJob);
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
        String etag = upload("bad-meta.geojson", "{}", Map.of("geoetl_table_name", "x; drop table y", "geoetl_colour", "red"));

        JsonNode job = api.waitForFinal(DroppedJobs.await(CONTAINER + "/bad-meta.geojson", etag, WAIT), WAIT);

        assertThat(job.get("status").asText()).isEqualTo("failed");
        assertThat(job.get("job_type").asText()).isEqualTo("rejected_drop");
        assertThat(job.get("error").get("message").asText())
                .contains(StandInIngestVector.NAME + " rejected the parameters taken from the blob's metadata")
                .contains("table_name must match", "unknown parameter colour");
    }

    @Test
    void aRestartedRouterSubmitsNothingForBlobsItAlreadySubmitted() {
        String etag = upload("restart/kept.gpkg", "gpkg", Map.of());
        String jobId = DroppedJobs.await(CONTAINER + "/restart/kept.gpkg", etag, WAIT);
        api.waitForFinal(jobId, WAIT);
        int eventsBefore = api.get("/api/jobs/" + jobId + "/events").body().get("events").size();

        router.close();
        router = pollingRouter();
        api = new Api(router.baseUrl());
        // every poll lists the whole container: once the marker's job exists, the restarted router has listed kept.gpkg too
        String marker = upload("restart/marker.gpkg", "gpkg", Map.of());
        DroppedJobs.await(CONTAINER + "/restart/marker.gpkg", marker, WAIT);

        assertThat(DroppedJobs.forBlob(CONTAINER + "/restart/kept.gpkg")).containsExactly(jobId);
        assertThat(DroppedJobs.ledger(CONTAINER, "restart/kept.gpkg")).containsExactly(etag + " poll " + jobId);
        assertThat(api.get("/api/jobs/" + jobId + "/events").body().get("events").size()).isEqualTo(eventsBefore);
        assertThat(INGEST.received).containsKey(jobId);
    }
}
