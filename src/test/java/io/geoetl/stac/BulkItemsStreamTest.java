package io.geoetl.stac;

import static io.geoetl.stac.StacFixtures.createCollection;
import static io.geoetl.stac.StacFixtures.item;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.geoetl.jobs.Json;
import io.geoetl.testing.Api;
import io.geoetl.testing.RunningRouter;
import io.geoetl.testing.TestDb;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * POST /api/stac/collections/{id}/items reads a FeatureCollection from the socket while the client
 * sends it: the items' COPY into the database is under way while the last byte has not been sent
 * (a server that collected the body first could not start before it), the limit is counted while
 * reading, and a bad feature or a body past the limit writes nothing; the client, still sending,
 * gets to read the refusal (the rest of its body is drained).
 */
class BulkItemsStreamTest {
    private static final String APP = "bulk-" + UUID.randomUUID().toString().substring(0, 8);
    private static final long LIMIT = 4_000_000;
    private static RunningRouter router;
    private static Api api;

    @BeforeAll
    static void start() {
        router = RunningRouter.builder().property("geoetl.db.application-name", APP)
                .property("geoetl.http.body-limits", "stac-create-items:" + LIMIT).start();
        api = new Api(router.baseUrl());
    }

    @AfterAll
    static void stop() {
        StacFixtures.deleteAll(api);
        router.close();
    }

    @Test
    void itemsAreCopiedWhileTheClientIsStillSending() throws Exception {
        createCollection(api, "streamed");
        try (Socket socket = open()) {
            OutputStream out = socket.getOutputStream();
            out.write(head("streamed"));
            chunk(out, "{\"type\": \"FeatureCollection\", \"features\": [" + features("s", 0, 2000));
            assertThat(copyUnderWay(Duration.ofSeconds(20))).as("the COPY of the items runs before the body is complete").isTrue();
            chunk(out, "," + features("s", 2000, 2500) + "]}");
            out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            String reply = readReply(socket.getInputStream());
            assertThat(reply).startsWith("HTTP/1.1 200");
            JsonNode body = Json.parse(reply.substring(reply.indexOf('{'), reply.lastIndexOf('}') + 1)); // the JSON, chunked or not
            assertThat(body.get("features").asInt()).isEqualTo(2500);
            assertThat(body.get("created").asInt()).isEqualTo(2500);
        }
        assertThat(itemCount("streamed")).isEqualTo(2500);
    }

    @Test
    void aBadFeatureAtTheEndWritesNothing() {
        createCollection(api, "bad-end");
        String body = "{\"type\": \"FeatureCollection\", \"features\": [" + features("b", 0, 3000)
                + ", {\"type\": \"Feature\", \"id\": \"broken\"}]}";
        Api.Reply reply = api.post("/api/stac/collections/bad-end/items", body);
        assertThat(reply.status()).as(reply.text()).isEqualTo(400);
        assertThat(reply.text()).contains("$.features[3000]");
        assertThat(itemCount("bad-end")).isZero();
    }

    @Test
    void aChunkedBodyPastTheLimitIsRefusedWhileReadingAndWritesNothing() throws Exception {
        createCollection(api, "too-big");
        try (Socket socket = open()) {
            OutputStream out = socket.getOutputStream();
            out.write(head("too-big"));
            chunk(out, "{\"type\": \"FeatureCollection\", \"features\": [" + features("t", 0, 1));
            String more = features("t", 1, 2000);
            long sent = 0;
            for (int i = 0; sent <= LIMIT + LIMIT / 2; i++) {
                chunk(out, "," + more.replace("\"t-", "\"t" + i + "-"));
                sent += more.length();
            }
            chunk(out, "]}");
            out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            String reply = readReply(socket.getInputStream());
            assertThat(reply).startsWith("HTTP/1.1 413");
            assertThat(reply).contains("body_too_large");
        }
        assertThat(itemCount("too-big")).isZero();
    }

    private static boolean copyUnderWay(Duration wait) throws InterruptedException {
        long deadline = System.nanoTime() + wait.toNanos();
        while (System.nanoTime() < deadline) {
            Number copies = (Number) TestDb.shared().scalar("select count(*) from pg_stat_activity where application_name = ? "
                    + "and state = 'active' and query like 'copy pg_temp.stac_incoming%'", APP);
            if (copies.longValue() > 0) return true;
            Thread.sleep(50);
        }
        return false;
    }

    private static long itemCount(String collection) {
        return TestDb.shared().count("select count(*) from stac.items where collection = ?", collection);
    }

    private static String features(String prefix, int from, int to) {
        StringBuilder json = new StringBuilder();
        for (int i = from; i < to; i++) {
            if (i > from) json.append(',');
            json.append(Json.write(item(prefix + "-" + i, i % 170 - 85, i % 80 - 40, i % 1000, i)));
        }
        return json.toString();
    }

    private static Socket open() throws IOException {
        URI base = URI.create(router.baseUrl());
        Socket socket = new Socket(base.getHost(), base.getPort());
        socket.setSoTimeout(60_000);
        return socket;
    }

    private static byte[] head(String collection) {
        return ("POST /api/stac/collections/" + collection + "/items HTTP/1.1\r\nHost: x\r\nContent-Type: application/geo+json\r\n"
                + "X-API-Key: " + Api.TEST_API_KEY + "\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII);
    }

    private static void chunk(OutputStream out, String text) throws IOException {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        out.write((Integer.toHexString(bytes.length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
        out.write(bytes);
        out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }

    /** Everything the server sends until it closes the connection. */
    private static String readReply(InputStream in) throws IOException {
        ByteArrayOutputStream reply = new ByteArrayOutputStream();
        in.transferTo(reply);
        return reply.toString(StandardCharsets.UTF_8);
    }
}
