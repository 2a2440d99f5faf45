package io.geoetl.drop;

import static org.assertj.core.api.Assertions.assertThat;

import com.azure.storage.blob.BlobContainerClient;
import com.azure.storage.blob.BlobServiceClientBuilder;
import com.fasterxml.jackson.databind.JsonNode;
import io.geoetl.testing.Api;
import io.geoetl.testing.DroppedJobs;
import io.geoetl.testing.RunningRouter;
import io.geoetl.testing.SmallVectors;
import io.geoetl.testing.TestServices;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.camel.builder.NotifyBuilder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The local inbox folder: files copied in are uploaded to the watched container (by the
 * azure-storage-blob producer in routes/blob-drop.yaml) and become jobs. Waits on the route with
 * NotifyBuilder instead of polling the folder. The jobs are the real ingest_vector's, on real
 * (small) files: a completed job has published its table.
 */
class BlobDropInboxTest {
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final String CONTAINER = "drop-inbox-" + UUID.randomUUID().toString().substring(0, 8);
    private static Path inbox;
    private static Path work;
    private static BlobContainerClient bronze;
    private static RunningRouter router;
    private static Api api;

    @BeforeAll
    static void start() throws IOException {
        inbox = Files.createTempDirectory("geoetl-inbox-");
        work = Files.createTempDirectory("geoetl-inbox-work-");
        bronze = new BlobServiceClientBuilder().connectionString(TestServices.get().storageConnectionString).buildClient()
                .getBlobContainerClient(CONTAINER);
        router = RunningRouter.builder()
                .property("geoetl.blob-drop.container", CONTAINER)
                .property("geoetl.blob-drop.inbox.enabled", "true")
                .property("geoetl.blob-drop.inbox.folder", inbox.toString())
                .property("geoetl.blob-drop.inbox.min-age", "1500")
                .property("geoetl.blob-drop.inbox.check-interval", "250")
                .property("geoetl.blob-drop.inbox.lock-timeout", "5000")
                .property("geoetl.work.dir", work.toString())
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
        DroppedJobs.dropTables("rivers", "growing", "other", "parcels");
    }

    private static byte[] blobBytes(String name) {
        return bronze.getBlobClient(name).downloadContent().toBytes();
    }

    /** Matches once the inbox route has uploaded and submitted {@code fileName} (not on a failed attempt). */
    private static NotifyBuilder inboxCompletes(String fileName) {
        return new NotifyBuilder(router.camel()).fromRoute("blob-drop-inbox")
                .filter(exchange -> fileName.equals(exchange.getIn().getHeader("CamelFileNameOnly", String.class)))
                .whenCompleted(1).create();
    }

    private static void await(NotifyBuilder notify, String what) {
        assertThat(notify.matches(WAIT.toSeconds(), TimeUnit.SECONDS)).as(what + " within " + WAIT).isTrue();
    }

    /** {@code count} GeoJSON point features, each followed by a comma but the last of the file (index total - 1). */
    private static String features(int first, int count, int total) {
        StringBuilder text = new StringBuilder();
        for (int i = first; i < first + count; i++) {
            text.append("{\"type\": \"Feature\", \"properties\": {\"n\": ").append(i)
                    .append("}, \"geometry\": {\"type\": \"Point\", \"coordinates\": [8.5, 47.3]}}")
                    .append(i == total - 1 ? "\n" : ",\n");
        }
        return text.toString();
    }

    private static String etag(String name) {
        return DroppedJobs.unquote(bronze.getBlobClient(name).getProperties().getETag());
    }

    @Test
    void aFileCopiedIntoTheInboxEndsUpInBronzeAndBecomesACompletedJob() throws IOException {
        byte[] content = SmallVectors.geoJson().getBytes(StandardCharsets.UTF_8);
        NotifyBuilder taken = inboxCompletes("Rivers.geojson");
        Path file = Files.write(inbox.resolve("Rivers.geojson"), content);

        await(taken, "Rivers.geojson uploaded and submitted by the inbox route");
        assertThat(file).doesNotExist();

        assertThat(blobBytes("Rivers.geojson")).isEqualTo(content);
        String jobId = DroppedJobs.await(CONTAINER + "/Rivers.geojson", etag("Rivers.geojson"), WAIT);
        JsonNode job = api.waitForFinal(jobId, WAIT);
        assertThat(job.get("status").asText()).as(job.toString()).isEqualTo("completed");
        assertThat(job.get("parameters").get("table_name").asText()).isEqualTo("rivers");
        assertThat(DroppedJobs.rows("rivers")).isEqualTo(2);
        assertThat(DroppedJobs.ledger(CONTAINER, "Rivers.geojson")).singleElement().asString().contains(" inbox " + jobId);
        assertThat(api.get("/api/jobs/" + jobId + "/events").body().get("events").get(0).get("reason").asText())
                .startsWith("blob-drop (inbox): " + CONTAINER + "/Rivers.geojson etag ");
    }

    @Test
    void aFileStillBeingWrittenIsLeftAloneAndUploadedWholeOnceItIsComplete() throws Exception {
        Path file = inbox.resolve("growing.geojson");
        NotifyBuilder taken = inboxCompletes("growing.geojson");
        int chunks = 30;
        int perChunk = 500;
        try (OutputStream out = Files.newOutputStream(file)) {
            out.write("{\"type\": \"FeatureCollection\", \"features\": [\n".getBytes(StandardCharsets.UTF_8));
            for (int i = 0; i < chunks; i++) {
                out.write(features(i * perChunk, perChunk, chunks * perChunk).getBytes(StandardCharsets.UTF_8));
                out.flush();
                Thread.sleep(150);      // a slow copy: the file changes more often than inbox.min-age
            }
            // written for ~4.5 s, three times the minimum age: still untouched while the writer holds it
            assertThat(file).exists();
            assertThat(bronze.getBlobClient("growing.geojson").exists()).isFalse();
            out.write("]}\n".getBytes(StandardCharsets.UTF_8));
        }
        long size = Files.size(file);

        await(taken, "growing.geojson uploaded and submitted by the inbox route");
        assertThat(file).doesNotExist();

        assertThat(bronze.getBlobClient("growing.geojson").getProperties().getBlobSize()).isEqualTo(size);
        String jobId = DroppedJobs.await(CONTAINER + "/growing.geojson", etag("growing.geojson"), WAIT);
        JsonNode job = api.waitForFinal(jobId, WAIT);
        assertThat(job.get("status").asText()).as(job.toString()).isEqualTo("completed");
        assertThat(DroppedJobs.forBlob(CONTAINER + "/growing.geojson")).containsExactly(jobId);
        assertThat(DroppedJobs.rows("growing")).as("every feature of the whole file").isEqualTo((long) chunks * perChunk);
    }

    @Test
    void aPartFileWaitsUntilItIsRenamed() throws IOException {
        NotifyBuilder otherTaken = inboxCompletes("other.kml");
        NotifyBuilder partTaken = inboxCompletes("parcels.geojson.part");
        Path part = Files.writeString(inbox.resolve("parcels.geojson.part"), SmallVectors.geoJson());
        Path other = Files.writeString(inbox.resolve("other.kml"), SmallVectors.kml());
        // the poll that took other.kml also listed parcels.gpkg.part
        await(otherTaken, "other.kml uploaded and submitted by the inbox route");
        assertThat(other).doesNotExist();
        assertThat(partTaken.matches()).isFalse();
        assertThat(part).exists();
        assertThat(bronze.getBlobClient("parcels.geojson.part").exists()).isFalse();

        NotifyBuilder doneTaken = inboxCompletes("parcels.geojson");
        Path done = Files.move(part, inbox.resolve("parcels.geojson"));

        await(doneTaken, "parcels.geojson uploaded and submitted by the inbox route");
        assertThat(done).doesNotExist();
        String jobId = DroppedJobs.await(CONTAINER + "/parcels.geojson", etag("parcels.geojson"), WAIT);
        assertThat(api.waitForFinal(jobId, WAIT).get("status").asText()).isEqualTo("completed");
        assertThat(DroppedJobs.rows("parcels")).isEqualTo(2);
    }
}
