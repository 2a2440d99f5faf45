package io.geoetl.drop;

import static org.assertj.core.api.Assertions.assertThat;

import com.azure.core.util.BinaryData;
import com.azure.storage.blob.BlobContainerClient;
import com.azure.storage.blob.BlobServiceClientBuilder;
import com.azure.storage.blob.options.BlobParallelUploadOptions;
import com.azure.storage.queue.QueueClient;
import com.azure.storage.queue.QueueClientBuilder;
import com.azure.storage.queue.models.PeekedMessageItem;
import com.fasterxml.jackson.databind.JsonNode;
import io.geoetl.testing.Api;
import io.geoetl.testing.DroppedJobs;
import io.geoetl.testing.RunningRouter;
import io.geoetl.testing.SmallVectors;
import io.geoetl.testing.TestServices;
import io.geoetl.testing.Waiting;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The production trigger: Event Grid BlobCreated events on a storage queue become jobs (polling is off here). */
class BlobDropEventsTest {
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final String SUFFIX = UUID.randomUUID().toString().substring(0, 8);
    private static final String CONTAINER = "drop-events-" + SUFFIX;
    @TempDir
    static Path work;
    private static BlobContainerClient bronze;
    private static QueueClient events;
    private static QueueClient poison;
    private static RunningRouter router;
    private static Api api;

    @BeforeAll
    static void start() {
        String storage = TestServices.get().storageConnectionString;
        bronze = new BlobServiceClientBuilder().connectionString(storage).buildClient().getBlobContainerClient(CONTAINER);
        events = new QueueClientBuilder().connectionString(storage).queueName("drop-events-" + SUFFIX).buildClient();
        poison = new QueueClientBuilder().connectionString(storage).queueName("drop-events-" + SUFFIX + "-poison").buildClient();
        router = RunningRouter.builder()
                .property("geoetl.blob-drop.container", CONTAINER)
                .property("geoetl.blob-drop.events.enabled", "true")
                .property("geoetl.blob-drop.events.queue", events.getQueueName())
                .property("geoetl.blob-drop.events.poison-queue", poison.getQueueName())
                .property("geoetl.blob-drop.events.poll-delay", "100")
                .property("geoetl.work.dir", work.toString())
                .start();
        api = new Api(router.baseUrl());
    }

    @AfterAll
    static void stop() {
        router.close();
        bronze.deleteIfExists();
        events.deleteIfExists();
        poison.deleteIfExists();
        DroppedJobs.dropTables("lakes", "trails_2", "twice", "other");
    }

    private static String upload(String name, String content, Map<String, String> metadata) {
        return DroppedJobs.unquote(bronze.getBlobClient(name).uploadWithResponse(
                new BlobParallelUploadOptions(BinaryData.fromString(content)).setMetadata(metadata), null, null).getValue().getETag());
    }

    /** The URL Azurite's account would have: path style, the account first. */
    private static String url(String container, String name) {
        return bronze.getAccountUrl() + "/" + container + "/" + name.replace(" ", "%20");
    }

    private static String eventGridEvent(String type, String container, String name, String etag) {
        return """
                {"topic": "/subscriptions/s/resourceGroups/g/providers/Microsoft.Storage/storageAccounts/devstoreaccount1",
                 "subject": "/blobServices/default/containers/%s/blobs/%s", "eventType": "%s", "id": "%s",
                 "eventTime": "2026-11-02T10:00:00Z", "dataVersion": "", "metadataVersion": "1",
                 "data": {"api": "PutBlob", "eTag": "%s", "contentLength": 2, "blobType": "BlockBlob", "url": "%s"}}
                """.formatted(container, name, type, UUID.randomUUID(), etag, url(container, name));
    }

    private static String cloudEvent(String name, String etag) {
        return """
                {"specversion": "1.0", "type": "Microsoft.Storage.BlobCreated", "id": "%s",
                 "source": "/subscriptions/s/resourceGroups/g/providers/Microsoft.Storage/storageAccounts/devstoreaccount1",
                 "subject": "/blobServices/default/containers/%s/blobs/%s", "time": "2026-11-02T10:00:00Z",
                 "data": {"api": "PutBlockList", "eTag": "%s", "blobType": "BlockBlob", "url": "%s"}}
                """.formatted(UUID.randomUUID(), CONTAINER, name, etag, url(CONTAINER, name));
    }

    private static String base64(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void aBase64EventGridBlobCreatedMessageBecomesAJobWithTheBlobsMetadata() {
        String etag = upload("eg/Lakes.geojson", SmallVectors.geoJson(), Map.of("geoetl_target_crs", "EPSG:3035"));

        events.sendMessage(base64(eventGridEvent("Microsoft.Storage.BlobCreated", CONTAINER, "eg/Lakes.geojson", etag)));

        String jobId = DroppedJobs.await(CONTAINER + "/eg/Lakes.geojson", etag, WAIT);
        JsonNode job = api.waitForFinal(jobId, WAIT);
        assertThat(job.get("status").asText()).as(job.toString()).isEqualTo("completed");
        assertThat(job.get("parameters").get("target_crs").asText()).isEqualTo("EPSG:3035");
        assertThat(job.get("parameters").get("table_name").asText()).isEqualTo("lakes");
        assertThat(job.get("result").get("srid").asInt()).isEqualTo(3035);
        assertThat(DroppedJobs.rows("lakes")).isEqualTo(2);
        assertThat(api.get("/api/jobs/" + jobId + "/events").body().get("events").get(0).get("reason").asText())
                .startsWith("blob-drop (event): " + CONTAINER + "/eg/Lakes.geojson etag ");
    }

    @Test
    void aPlainJsonCloudEventBecomesAJob() {
        String etag = upload("ce/Trails 2.gpx", SmallVectors.gpx(), Map.of());

        events.sendMessage(cloudEvent("ce/Trails 2.gpx", etag));

        String jobId = DroppedJobs.await(CONTAINER + "/ce/Trails 2.gpx", etag, WAIT);
        JsonNode job = api.waitForFinal(jobId, WAIT);
        assertThat(job.get("status").asText()).as(job.toString()).isEqualTo("completed");
        assertThat(job.get("parameters").get("blob_name").asText()).isEqualTo("ce/Trails 2.gpx");
        assertThat(DroppedJobs.rows("trails_2")).as("the GPX waypoints").isEqualTo(2);
    }

    @Test
    void anEventDeliveredTwiceAndAnArrayWithIgnoredEventsYieldOneJobPerBlobVersion() {
        String etag = upload("twice.kml", SmallVectors.kml(), Map.of());
        String other = upload("other.kml", SmallVectors.kml(), Map.of());
        String event = eventGridEvent("Microsoft.Storage.BlobCreated", CONTAINER, "twice.kml", etag);

        events.sendMessage(base64(event));
        events.sendMessage(base64(event));
        events.sendMessage("[" + event + ","
                + eventGridEvent("Microsoft.Storage.BlobDeleted", CONTAINER, "other.kml", other) + ","
                + eventGridEvent("Microsoft.Storage.BlobCreated", "some-other-container", "other.kml", other) + ","
                + eventGridEvent("Microsoft.Storage.BlobCreated", CONTAINER, "other.kml", other) + "]");
        waitUntilDrained(events);

        assertThat(DroppedJobs.forBlob(CONTAINER + "/twice.kml")).hasSize(1);
        assertThat(DroppedJobs.forBlob(CONTAINER + "/other.kml")).hasSize(1);
        assertThat(DroppedJobs.forBlob("some-other-container/other.kml")).isEmpty();
        assertThat(DroppedJobs.ledger(CONTAINER, "twice.kml")).hasSize(1);
    }

    @Test
    void anEventForABlobDeletedBeforeItWasReadBecomesAFailedJob() {
        String etag = upload("gone.csv", SmallVectors.csv(1), Map.of());
        bronze.getBlobClient("gone.csv").delete();

        events.sendMessage(base64(eventGridEvent("Microsoft.Storage.BlobCreated", CONTAINER, "gone.csv", etag)));

        JsonNode job = api.waitForFinal(DroppedJobs.await(CONTAINER + "/gone.csv", etag, WAIT), WAIT);
        assertThat(job.get("status").asText()).isEqualTo("failed");
        assertThat(job.get("error").get("message").asText()).contains(CONTAINER + "/gone.csv no longer exists");
    }

    @Test
    void aMessageThatIsNotAnEventMovesToThePoisonQueue() {
        events.sendMessage("this is not an event");

        List<PeekedMessageItem> parked = new ArrayList<>();
        Waiting.until("a message on " + poison.getQueueName(), WAIT, () -> {
            poison.peekMessages(32, null, null).forEach(parked::add);
            return !parked.isEmpty();
        });

        assertThat(parked).extracting(message -> message.getBody().toString()).containsExactly("this is not an event");
        // kept until a person acts (not the queue's default of 7 days) ...
        assertThat(parked.get(0).getExpirationTime()).isAfter(OffsetDateTime.now().plusYears(100));
        // ... and listed next to the task doorbells
        JsonNode listing = api.get("/api/dbadmin/poison").body();
        assertThat(listing.get("blob_events").get("queue").asText()).isEqualTo(poison.getQueueName());
        assertThat(listing.get("blob_events").get("messages")).singleElement()
                .satisfies(message -> {
                    assertThat(message.get("message").asText()).isEqualTo("this is not an event");
                    assertThat(message.get("message_id").asText()).isEqualTo(parked.get(0).getMessageId());
                    assertThat(message.get("expires_at").asText()).startsWith("9999-");
                });
    }

    private static void waitUntilDrained(QueueClient queue) {
        Waiting.until("draining " + queue.getQueueName(), WAIT, () -> queue.getProperties().getApproximateMessagesCount() == 0);
    }
}
