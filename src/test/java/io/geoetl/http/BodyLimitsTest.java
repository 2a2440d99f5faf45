package io.geoetl.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.geoetl.jobs.Json;
import io.geoetl.testing.Api;
import io.geoetl.testing.RunningRouter;
import io.geoetl.testing.TestServices;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Each route takes bodies up to its own limit (geoetl.http.max-body-bytes, or its entry in
 * geoetl.http.body-limits): a declared Content-Length above it is refused with JSON 413 before the
 * body is read, a chunked body above it once read.
 */
class BodyLimitsTest {
    private static RunningRouter router;
    private static Api api;

    @BeforeAll
    static void start() {
        TestServices.get().deleteAllJobs();
        router = RunningRouter.builder()
                .property("geoetl.http.max-body-bytes", "1024")
                .property("geoetl.http.body-limits", "submit-job:4096")
                .property("camel.server.maxBodySize", "4096")
                .start();
        api = new Api(router.baseUrl());
    }

    @AfterAll
    static void stop() {
        router.close();
    }

    @Test
    void aRouteWithALargerLimitTakesWhatAnotherRouteRefuses() {
        String padded = "{\"n\": 1" + " ".repeat(3000) + "}";
        assertThat(api.submit("hello_world", padded).status()).isEqualTo(201);
        Api.Reply refused = api.post("/api/dbadmin/janitor/run", padded);
        assertThat(refused.status()).isEqualTo(413);
        assertThat(refused.body().get("code").asText()).isEqualTo("body_too_large");
        assertThat(refused.body().get("message").asText()).contains("at most 1024");
    }

    @Test
    void aBodyAboveItsRoutesLimitIsRefusedWithJson() {
        Api.Reply reply = api.submit("hello_world", "{\"n\": 1" + " ".repeat(5000) + "}");
        assertThat(reply.status()).isEqualTo(413);
        assertThat(reply.body().get("details").get("limit").asLong()).isEqualTo(4096);
    }

    @Test
    void aDeclaredLengthAboveTheLimitIsRefusedBeforeTheBodyIsSent() throws IOException {
        // 100 MB announced, not one byte sent: a server that waited for the body would never answer
        String reply = raw("POST /api/jobs/submit/hello_world HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                + "X-API-Key: " + Api.TEST_API_KEY + "\r\nContent-Length: 104857600\r\n\r\n");
        assertThat(reply).startsWith("HTTP/1.1 413");
        assertThat(Json.parse(reply.substring(reply.indexOf("\r\n\r\n") + 4)).get("code").asText()).isEqualTo("body_too_large");
    }

    @Test
    void aChunkedBodyAboveItsRoutesLimitIsRefusedOnceRead() throws IOException {
        String chunk = "{\"dry_run\": true" + " ".repeat(1500) + "}";
        String reply = raw("POST /api/dbadmin/janitor/run HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                + "X-API-Key: " + Api.TEST_API_KEY + "\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n"
                + Integer.toHexString(chunk.length()) + "\r\n" + chunk + "\r\n0\r\n\r\n");
        assertThat(reply).startsWith("HTTP/1.1 413");
        assertThat(reply).contains("body_too_large");
    }

    /** Sends raw bytes and returns everything the server answers until it closes (or 10 s pass). */
    private static String raw(String request) throws IOException {
        URI base = URI.create(router.baseUrl());
        try (Socket socket = new Socket(base.getHost(), base.getPort())) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            StringBuilder reply = new StringBuilder();
            byte[] buffer = new byte[8192];
            int read;
            try {
                while ((read = in.read(buffer)) > 0) {
                    reply.append(new String(buffer, 0, read, StandardCharsets.UTF_8));
                    if (reply.indexOf("\r\n\r\n") > 0 && reply.toString().contains("}")) break;
                }
            } catch (java.net.SocketTimeoutException timeout) {
                // whatever arrived is the answer
            }
            return reply.toString();
        }
    }
}
