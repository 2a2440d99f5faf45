package io.geoetl.features;

import static org.assertj.core.api.Assertions.assertThat;

import com.azure.core.util.BinaryData;
import com.azure.storage.blob.BlobContainerClient;
import com.azure.storage.blob.BlobServiceClientBuilder;
import com.fasterxml.jackson.databind.JsonNode;
import io.geoetl.testing.Api;
import io.geoetl.testing.RunningRouter;
import io.geoetl.testing.TestServices;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.Locale;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A client that leaves in the middle of a large page does not keep its database cursor (and
 * pooled connection): when it hangs up, or when it stays connected without reading for
 * geoetl.http.stream-stall-timeout.
 */
class AbandonedPageTest {
    private static final String TABLE = "fx_wide";
    private static final int FEATURES = 12_000;
    private static RunningRouter router;

    @BeforeAll
    static void start() {
        router = RunningRouter.builder().property("geoetl.http.stream-stall-timeout", "PT2S").start();
        ingestWideTable(new Api(router.baseUrl()));
    }

    @AfterAll
    static void stop() {
        router.close();
    }

    @Test
    void aClientThatHangsUpMidPageReleasesTheCursor() throws Exception {
        try (Socket socket = startReading()) {
            assertThat(openCursors()).as("the page is being written").isEqualTo(1);
        }
        assertThat(cursorsAfter(Duration.ofSeconds(30))).as("cursors open 30 s after the client left").isZero();
    }

    @Test
    void aClientThatStopsReadingButStaysConnectedIsCutOffAfterTheStallTimeout() throws Exception {
        try (Socket socket = startReading()) {
            assertThat(openCursors()).as("the page is being written").isEqualTo(1);
            assertThat(cursorsAfter(Duration.ofSeconds(20))).as("cursors open 20 s after the client stopped reading").isZero();
        }
    }

    /** Asks for a 10,000-feature page and reads its first 64 kB only. */
    private static Socket startReading() throws Exception {
        URI uri = URI.create(router.baseUrl());
        Socket socket = new Socket(uri.getHost(), uri.getPort());
        OutputStream out = socket.getOutputStream();
        out.write(("GET /api/features/collections/" + TABLE + "/items?limit=10000 HTTP/1.1\r\nHost: " + uri.getAuthority()
                + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
        InputStream in = socket.getInputStream();
        byte[] buffer = new byte[64 * 1024];
        int read = 0;
        while (read < buffer.length) {
            int n = in.read(buffer, read, buffer.length - read);
            if (n < 0) break;
            read += n;
        }
        assertThat(read).isEqualTo(buffer.length);
        assertThat(new String(buffer, 0, 1024, StandardCharsets.US_ASCII).toLowerCase(Locale.ROOT))
                .as("a large page is sent chunked while it is written").contains("transfer-encoding: chunked");
        return socket;
    }

    /** Open cursors once none have been seen for a moment, or when {@code wait} has passed. */
    private static int cursorsAfter(Duration wait) throws Exception {
        long deadline = System.nanoTime() + wait.toNanos();
        int zeroes = 0;
        while (zeroes < 5 && System.nanoTime() < deadline) {
            zeroes = openCursors() == 0 ? zeroes + 1 : 0;
            Thread.sleep(100);
        }
        return openCursors();
    }

    /** Sessions of the router that hold an open read of the wide table. */
    private static int openCursors() throws Exception {
        try (Connection c = TestServices.get().connect(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("select count(*) from pg_stat_activity where application_name = 'geoetl' "
                     + "and state <> 'idle' and query like '%" + TABLE + "%' and query not like '%pg_stat_activity%'")) {
            rs.next();
            return rs.getInt(1);
        }
    }

    /** 12,000 points with 2 kB of text each: a 10,000-feature page is about 20 MB, far more than socket buffers hold. */
    private static void ingestWideTable(Api api) {
        StringBuilder json = new StringBuilder("{\"type\":\"FeatureCollection\",\"features\":[");
        String note = "x".repeat(2000);
        for (int i = 0; i < FEATURES; i++) {
            if (i > 0) json.append(',');
            json.append("{\"type\":\"Feature\",\"properties\":{\"note\":\"").append(note).append("\"},\"geometry\":{\"type\":\"Point\",")
                    .append("\"coordinates\":[").append(i % 360 - 180 + 0.5).append(',').append((i / 360) % 170 - 85 + 0.5).append("]}}");
        }
        json.append("]}");
        BlobContainerClient container = new BlobServiceClientBuilder()
                .connectionString(TestServices.get().storageConnectionString).buildClient().getBlobContainerClient("features-test");
        container.createIfNotExists();
        container.getBlobClient("wide.geojson").upload(BinaryData.fromString(json.toString()), true);
        Api.Reply submitted = api.submit("ingest_vector", "{\"container\": \"features-test\", \"blob_name\": \"wide.geojson\", \"table_name\": \""
                + TABLE + "\", \"overwrite\": true}");
        assertThat(submitted.status()).as(submitted.text()).isIn(200, 201);
        JsonNode job = api.waitForFinal(submitted.body().get("job_id").asText(), Duration.ofMinutes(3));
        assertThat(job.get("status").asText()).as(job.toPrettyString()).isEqualTo("completed");
    }
}
