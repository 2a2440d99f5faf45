package io.geoetl.drop;

import static org.assertj.core.api.Assertions.assertThat;

import com.azure.storage.blob.BlobContainerClient;
import com.azure.storage.blob.BlobServiceClientBuilder;
import com.fasterxml.jackson.databind.JsonNode;
import io.geoetl.testing.Api;
import io.geoetl.testing.DroppedJobs;
import io.geoetl.testing.RunningRouter;
import io.geoetl.testing.StandInIngestVector;
import io.geoetl.testing.TestServices;
import io.geoetl.testing.Waiting;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The local inbox folder: files copied in are uploaded to the watched container and become jobs. */
class BlobDropInboxTest {
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final String CONTAINER = "drop-inbox-" + UUID.randomUUID().toString().substring(0, 8);
    private static final StandInIngestVector INGEST = new StandInIngestVector();
    private static Path inbox;
    private static BlobContainerClient bronze;
    private static RunningRouter router;
    private static Api api;

    @BeforeAll
    static void start() throws IOException {
        inbox = Files.createTempDirectory("geoetl-inbox-");
        bronze = new BlobServiceClientBuilder().connectionString(TestServices.get().storageConnectionString).buildClient()
                .getBlobContainerClient(CONTAINER);
        router = RunningRouter.builder()
                .property("geoetl.blob-drop.container", CONTAINER)
                .property("geoetl.blob-drop.inbox.enabled", "true")
                .property("geoetl.blob-drop.inbox.folder", inbox.toString())
                .property("geoetl.blob-drop.inbox.min-age", "1500")
                .property("geoetl.blob-drop.inbox.check-interval", "250")
                .property("geoetl.blob-drop.inbox.lock-timeout", "5000")
                .jobTypes(r -> r.register(INGEST))
                .start();
        api = new Api(router.baseUrl());
    }

    @AfterAll
    static void stop() throws IOException {
        router.close();
        bronze.deleteIfExists();
        try (var files = Files.list(inbox)) {
            for (Path file : files.toList()) Files.delete(file);
        }
        Files.delete(inbox);
    }

    private static byte[] blobBytes(String name) {
        return bronze.getBlobClient(name).downloadContent().toBytes();
    }

    private static String etag(String name) {
        return DroppedJobs.unquote(bronze.getBlobClient(name).getProperties().getETag());
    }

    @Test
    void aFileCopiedIntoTheInboxEndsUpInBronzeAndBecomesACompletedJob() throws IOException {
        byte[] content = "{\"type\": \"FeatureCollection\", \"features\": []}".getBytes(StandardCharsets.UTF_8);
        Path file = Files.write(inbox.resolve("Rivers.geojson"), content);

        Waiting.until("Rivers.geojson leaving the inbox", WAIT, () -> !Files.exists(file));

        assertThat(blobBytes("Rivers.geojson")).isEqualTo(content);
        String jobId = DroppedJobs.await(CONTAINER + "/Rivers.geojson", etag("Rivers.geojson"), WAIT);
        JsonNode job = api.waitForFinal(jobId, WAIT);
        assertThat(job.get("status").asText()).isEqualTo("completed");
        assertThat(INGEST.received.get(jobId).get("table_name").asText()).isEqualTo("rivers");
        assertThat(DroppedJobs.ledger(CONTAINER, "Rivers.geojson")).singleElement().asString().contains(" inbox " + jobId);
        assertThat(api.get("/api/jobs/" + jobId + "/events").body().get("events").get(0).get("reason").asText())
                .startsWith("blob-drop (inbox): " + CONTAINER + "/Rivers.geojson etag ");
    }

    @Test
    void aFileStillBeingWrittenIsLeftAloneAndUploadedWholeOnceItIsComplete() throws Exception {
        Path file = inbox.resolve("growing.csv");
        byte[] chunk = new byte[64 * 1024];
        Arrays.fill(chunk, (byte) 'x');
        int chunks = 30;
        try (OutputStream out = Files.newOutputStream(file)) {
            for (int i = 0; i < chunks; i++) {
                out.write(chunk);
                out.flush();
                Thread.sleep(150);      // a slow copy: the file changes more often than inbox.min-age
            }
            // written for ~4.5 s, three times the minimum age: still untouched while the writer holds it
            assertThat(file).exists();
            assertThat(bronze.getBlobClient("growing.csv").exists()).isFalse();
            out.write("\nend".getBytes(StandardCharsets.UTF_8));
        }
        long size = Files.size(file);

        Waiting.until("growing.csv leaving the inbox", WAIT, () -> !Files.exists(file));

        assertThat(bronze.getBlobClient("growing.csv").getProperties().getBlobSize()).isEqualTo(size);
        String jobId = DroppedJobs.await(CONTAINER + "/growing.csv", etag("growing.csv"), WAIT);
        assertThat(api.waitForFinal(jobId, WAIT).get("status").asText()).isEqualTo("completed");
        assertThat(DroppedJobs.forBlob(CONTAINER + "/growing.csv")).containsExactly(jobId);
    }

    @Test
    void aPartFileWaitsUntilItIsRenamed() throws IOException {
        Path part = Files.writeString(inbox.resolve("parcels.gpkg.part"), "gpkg");
        Path other = Files.writeString(inbox.resolve("other.kml"), "<kml/>");
        // the poll that took other.kml also listed parcels.gpkg.part
        Waiting.until("other.kml leaving the inbox", WAIT, () -> !Files.exists(other));
        assertThat(part).exists();
        assertThat(bronze.getBlobClient("parcels.gpkg.part").exists()).isFalse();

        Path done = Files.move(part, inbox.resolve("parcels.gpkg"));

        Waiting.until("parcels.gpkg leaving the inbox", WAIT, () -> !Files.exists(done));
        String jobId = DroppedJobs.await(CONTAINER + "/parcels.gpkg", etag("parcels.gpkg"), WAIT);
        assertThat(api.waitForFinal(jobId, WAIT).get("status").asText()).isEqualTo("completed");
    }
}
