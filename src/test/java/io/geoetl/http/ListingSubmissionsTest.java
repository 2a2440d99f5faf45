package io.geoetl.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.azure.core.util.BinaryData;
import com.azure.storage.blob.BlobContainerClient;
import com.azure.storage.blob.BlobServiceClientBuilder;
import com.fasterxml.jackson.databind.JsonNode;
import io.geoetl.jobs.Json;
import io.geoetl.testing.Api;
import io.geoetl.testing.RunningRouter;
import io.geoetl.testing.TestServices;
import io.geoetl.testing.Waits;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Submissions that list blob storage (catalog_rasters here, over a container of many blobs: 150
 * listed 3 a page make 50 listing requests, as 50,000 blobs would at the usual 1000 a page) hold
 * their HTTP thread for the whole listing, so they get their own few slots: while they take all of
 * them, one more is refused with 503 busy and Retry-After, other submissions and /api/health/live
 * still answer, and the listing submissions all complete.
 */
class ListingSubmissionsTest {
    private static final Logger LOG = LoggerFactory.getLogger(ListingSubmissionsTest.class);
    /** Enough blobs that listing them (PAGE a page) takes seconds against Azurite, few enough to upload quickly. */
    private static final int BLOBS = 150;
    private static final int PAGE = 3;
    private static final String CONTAINER = "listing-slow-" + BLOBS;
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private static RunningRouter router;
    private static Api api;

    @BeforeAll
    static void start() throws Exception {
        router = RunningRouter.builder().property("geoetl.http.listing-slots", "2")
                .property("geoetl.storage.list-page-size", String.valueOf(PAGE)).start();
        api = new Api(router.baseUrl());
        fillContainer();
    }

    @AfterAll
    static void stop() {
        if (router != null) router.close();
    }

    @Test
    void slowListingSubmissionsTakeOnlyTheirOwnSlotsAndAllComplete() throws Exception {
        ListingSlots slots = router.bean("listingSlots", ListingSlots.class);
        assertThat(api.get("/api/health/live").status()).isEqualTo(200);
        ExecutorService clients = Executors.newFixedThreadPool(2);
        try {
            List<Future<Api.Reply>> listings = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                String body = "{\"container\": \"" + CONTAINER + "\", \"collection_id\": \"listing-" + UUID.randomUUID().toString().substring(0, 8) + "\"}";
                listings.add(clients.submit(() -> api.submit("catalog_rasters", body)));
            }
            Waits.until("both listing slots taken", Duration.ofSeconds(30), () -> slots.available() == 0);

            HttpResponse<String> third = HTTP.send(HttpRequest.newBuilder(URI.create(router.baseUrl() + "/api/jobs/submit/catalog_rasters"))
                    .header("X-API-Key", Api.TEST_API_KEY).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"container\": \"" + CONTAINER + "\", \"collection_id\": \"listing-third\"}"))
                    .build(), HttpResponse.BodyHandlers.ofString());
            Api.Reply other = api.submit("hello_world", "{\"n\": 1}");
            long started = System.nanoTime();
            Api.Reply live = api.get("/api/health/live");
            Duration liveTook = Duration.ofNanos(System.nanoTime() - started);
            boolean stillListing = listings.stream().noneMatch(Future::isDone);
            LOG.info("while 2 listings of {} blobs ({} a page) were in flight: health/live answered in {} ms", BLOBS, PAGE,
                    liveTook.toMillis());

            assertThat(stillListing).as("the two listings were still in flight when the others answered").isTrue();
            assertThat(third.statusCode()).as(third.body()).isEqualTo(503);
            JsonNode refused = Json.parse(third.body());
            assertThat(refused.get("code").asText()).isEqualTo("busy");
            assertThat(refused.get("message").asText()).contains("geoetl.http.listing-slots");
            assertThat(refused.at("/details/retry_after_seconds").asInt()).isEqualTo(5);
            assertThat(third.headers().firstValue("Retry-After")).contains("5");
            assertThat(other.status()).as("a submission that lists nothing takes a general slot: " + other.text()).isIn(200, 201);
            assertThat(live.status()).isEqualTo(200);
            assertThat(liveTook).as("health/live answers at once").isLessThan(Duration.ofSeconds(5));

            long waited = System.nanoTime();
            for (Future<Api.Reply> listing : listings) {
                Api.Reply reply = listing.get(120, TimeUnit.SECONDS);
                assertThat(reply.status()).as(reply.text()).isEqualTo(201);
                assertThat(reply.body().get("subject").asText()).contains("(1 rasters)");
            }
            LOG.info("the listings answered {} ms after that", (System.nanoTime() - waited) / 1_000_000);
            assertThat(slots.available()).isEqualTo(2);
        } finally {
            clients.shutdownNow();
        }
    }

    /** BLOBS small text blobs and one raster (catalog_rasters refuses a container without one), uploaded in parallel. */
    private static void fillContainer() throws Exception {
        BlobContainerClient container = new BlobServiceClientBuilder().connectionString(TestServices.get().storageConnectionString)
                .buildClient().getBlobContainerClient(CONTAINER);
        container.createIfNotExists();
        long present = container.listBlobs().stream().count();
        if (present >= BLOBS + 1) return;
        long started = System.nanoTime();
        ExecutorService uploads = Executors.newFixedThreadPool(16);
        try {
            List<Future<?>> done = new ArrayList<>();
            IntStream.range(0, BLOBS).forEach(i -> done.add(uploads.submit(() -> container.getBlobClient(String.format("notes/%04d.txt", i))
                    .upload(BinaryData.fromString("note " + i), true))));
            done.add(uploads.submit(() -> container.getBlobClient("zz/one.tif").upload(BinaryData.fromString("not read at submission"), true)));
            for (Future<?> f : done) f.get(10, TimeUnit.MINUTES);
        } finally {
            uploads.shutdownNow();
        }
        LOG.info("uploaded {} blobs in {} s", BLOBS + 1, (System.nanoTime() - started) / 1_000_000_000);
    }
}
