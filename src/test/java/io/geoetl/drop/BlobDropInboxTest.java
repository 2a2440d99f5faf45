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
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.camel.builder.NotifyBuilder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The local inbox folder: files copied in are uploaded to the watched container (by the
 * azure-storage-blob producer in routes/blob-drop.yaml) and become jobs. Waits on the route with
 * NotifyBuilder instead of polling the folder.
 */
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
                .property("geoetl.blob-drop.job-types", StandInIngestVector.DROP_MAPPING)
                .property("geoetl.blob-drop.default-parameters", StandInIngestVector.NAME + ":overwrite=true")
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

    /** Matches once the inbox route has uploaded and submitted {@code fileName} (not on a failed attempt). */
    private static NotifyBuilder inboxCompletes(String fileName) {
        return new NotifyBuilder(router.camel()).fromRoute("blob-drop-inbox")
                .filter(exchange -> fileName.equals(exchange.getIn().getHeader("CamelFileNameOnly", String.class)))
                .whenCompleted(1).create();
    }

    private static void await(NotifyBuilder notify, String what) {
        assertThat(notify.matches(WAIT.toSeconds(), TimeUnit.SECONDS)).as(what + " within " + WAIT).isTrue();
    }

    private static String etag(String name) {
        return DroppedJobs.unquote(bronze.getBlobClient(name).getProperties().getETag());
    }

    @Test
    void aFileCopiedIntoTheInboxEndsUpInBronzeAndBecomesACompletedJob() throws IOException {
        byte[] content = "{\"type\": \"FeatureCollection\", \"features\": []}".getBytes(StandardCharsets.UTF_8);
        NotifyBuilder taken = inboxCompletes("Rivers.geojson");
        Path file = Files.write(inbox.resolve("Rivers.geojson"), content);

        await(taken, "Rivers.geojson uploaded and submitted by the inbox route");
        assertThat(file).doesNotExist();

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
        NotifyBuilder taken = inboxCompletes("growing.csv");
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

        await(taken, "growing.csv uploaded and submitted by the inbox route");
        assertThat(file).doesNotExist();

        assertThat(bronze.getBlobClient("growing.csv").getProperties().getBlobSize()).isEqualTo(size);
        String jobId = DroppedJobs.await(CONTAINER + "/growing.csv", etag("growing.csv"), WAIT);
        assertThat(api.waitForFinal(jobId, WAIT).get("status").asText()).isEqualTo("completed");
        assertThat(DroppedJobs.forBlob(CONTAINER + "/growing.csv")).containsExactly(jobId);
    }

    @Test
    void aPartFileWaitsUntilItIsRenamed() throws IOException {
        NotifyBuilder otherTaken = inboxCompletes("other.kml");
        NotifyBuilder partTaken = inboxCompletes("parcels.gpkg.part");
        Path part = Files.writeString(inbox.resolve("parcels.gpkg.part"), "gpkg");
        Path other = Files.writeString(inbox.resolve("other.kml"), "<kml/>");
        // the poll that took other.kml also listed parcels.gpkg.part
        await(otherTaken, "other.kml uploaded and submitted by the inbox route");
        assertThat(other).doesNotExist();
        assertThat(partTaken.matches()).isFalse();
        assertThat(part).exists();
        assertThat(bronze.getBlobClient("parcels.gpkg.part").exists()).isFalse();

        NotifyBuilder doneTaken = inboxCompletes("parcels.gpkg");
        Path done = Files.move(part, inbox.resolve("parcels.gpkg"));

        await(doneTaken, "parcels.gpkg uploaded and submitted by the inbox route");
        assertThat(done).doesNotExist();
        String jobId = DroppedJobs.await(CONTAINER + "/parcels.gpkg", etag("parcels.gpkg"), WAIT);
        assertThat(api.waitForFinal(jobId, WAIT).get("status").asText()).isEqualTo("completed");
    }
}
