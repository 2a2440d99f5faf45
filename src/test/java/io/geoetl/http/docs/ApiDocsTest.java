package io.geoetl.http.docs;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.geoetl.jobs.Json;
import io.geoetl.testing.Api;
import io.geoetl.testing.RunningRouter;
import java.io.IOException;
import java.io.Reader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/** /api/openapi.json is generated from the rest: blocks of routes/*.yaml, and /api/docs renders it. */
class ApiDocsTest {
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final List<String> VERBS = List.of("get", "post", "put", "delete", "patch", "head");
    private static RunningRouter router;

    @BeforeAll
    static void start() {
        router = RunningRouter.builder().start();
    }

    @AfterAll
    static void stop() {
        router.close();
    }

    @Test
    void theOpenApiDocumentListsEveryRestRouteOfTheRouteFiles() throws IOException {
        HttpResponse<String> reply = get("/api/openapi.json");
        assertThat(reply.statusCode()).isEqualTo(200);
        assertThat(reply.headers().firstValue("Content-Type")).hasValue("application/vnd.oai.openapi+json;version=3.0");
        JsonNode document = Json.parse(reply.body());
        assertThat(document.get("openapi").asText()).startsWith("3.0");
        assertThat(document.at("/info/title").asText()).isEqualTo("geoetl API");
        List<String> declared = declaredOperations();
        assertThat(declared).contains("GET /api/features/collections/{collectionId}/items", "POST /api/jobs/submit/{job_type}",
                "GET /api/docs");
        for (String operation : declared) {
            String[] parts = operation.split(" ", 2);
            assertThat(document.get("paths").has(parts[1])).as("path %s in %s", parts[1], document.get("paths").fieldNames()).isTrue();
            assertThat(document.get("paths").get(parts[1]).has(parts[0].toLowerCase())).as(operation).isTrue();
        }
        JsonNode limit = null;
        for (JsonNode parameter : document.at("/paths/~1api~1features~1collections~1{collectionId}~1items/get/parameters")) {
            if (parameter.get("name").asText().equals("limit")) limit = parameter;
        }
        assertThat(limit).as("the limit parameter of items").isNotNull();
        assertThat(limit.get("in").asText()).isEqualTo("query");
    }

    @Test
    void theDefinitionAndThePageAreOpenReadsByDefault() {
        for (String path : List.of("/api/openapi.json", "/api/docs")) {
            assertThat(get(path).statusCode()).as(path).isEqualTo(200);
        }
    }

    @Test
    void theDefinitionAndThePageNeedCredentialsWhenReadsDo() {
        try (RunningRouter closed = RunningRouter.builder().property("geoetl.auth.read-open", "false").start()) {
            for (String path : List.of("/api/openapi.json", "/api/docs")) {
                HttpResponse<String> anonymous = send(closed, path, null);
                assertThat(anonymous.statusCode()).as(path).isEqualTo(401);
                assertThat(anonymous.headers().firstValue("Content-Type")).as(path).hasValue("application/json");
                assertThat(Json.parse(anonymous.body()).get("code").asText()).isEqualTo("unauthorized");
                HttpResponse<String> wrongKey = send(closed, path, "not-a-key");
                assertThat(wrongKey.statusCode()).as(path).isEqualTo(401);
                HttpResponse<String> withKey = send(closed, path, Api.TEST_API_KEY);
                assertThat(withKey.statusCode()).as(path).isEqualTo(200);
            }
            HttpResponse<String> document = send(closed, "/api/openapi.json", Api.TEST_API_KEY);
            assertThat(document.headers().firstValue("Content-Type")).hasValue("application/vnd.oai.openapi+json;version=3.0");
            assertThat(Json.parse(document.body()).get("openapi").asText()).startsWith("3.0");
        }
    }

    @Test
    void theDocsPageRendersTheDocumentWithoutAnythingFromElsewhere() {
        HttpResponse<String> reply = get("/api/docs");
        assertThat(reply.statusCode()).isEqualTo(200);
        assertThat(reply.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("text/html"));
        assertThat(reply.body()).contains("fetch('openapi.json')").doesNotContain("src=\"http").doesNotContain("href=\"http");
    }

    /** "VERB /path" for every verb of every rest: block in routes/*.yaml. */
    @SuppressWarnings("unchecked")
    private static List<String> declaredOperations() throws IOException {
        List<String> operations = new ArrayList<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(Path.of("routes"), "*.yaml")) {
            for (Path file : files) {
                try (Reader reader = Files.newBufferedReader(file)) {
                    List<Map<String, Object>> entries = new Yaml().load(reader);
                    for (Map<String, Object> entry : entries) {
                        Map<String, Object> rest = (Map<String, Object>) entry.get("rest");
                        if (rest == null) continue;
                        for (String verb : VERBS) {
                            for (Map<String, Object> operation : (List<Map<String, Object>>) rest.getOrDefault(verb, List.of())) {
                                String path = (String) operation.getOrDefault("path", "");
                                operations.add(verb.toUpperCase() + " " + rest.get("path") + path);
                            }
                        }
                    }
                }
            }
        }
        return operations;
    }

    private static HttpResponse<String> get(String path) {
        return send(router, path, null);
    }

    /** GET {@code path}, with {@code apiKey} as X-API-Key unless null. */
    private static HttpResponse<String> send(RunningRouter target, String path, String apiKey) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(target.baseUrl() + path)).GET();
        if (apiKey != null) request.header("X-API-Key", apiKey);
        try {
            return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
