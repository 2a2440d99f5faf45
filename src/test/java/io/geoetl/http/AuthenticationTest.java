package io.geoetl.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.geoetl.testing.Api;
import io.geoetl.testing.RunningRouter;
import io.geoetl.testing.TestServices;
import java.util.ArrayList;
import java.util.List;
import org.apache.camel.model.Model;
import org.apache.camel.model.rest.RestDefinition;
import org.apache.camel.model.rest.VerbDefinition;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * API keys (local profile): every endpoint that changes something refuses requests without
 * credentials, with a wrong key (401) and with a read-only key (403), as JSON. The endpoints are
 * read from the running router's REST definitions, so endpoints added later are covered too.
 */
class AuthenticationTest {
    private static final String READ_KEY = "read-only-key-5c2e81f0a4";
    private static RunningRouter router;

    @BeforeAll
    static void start() {
        TestServices.get().deleteAllJobs();
        router = RunningRouter.builder().property("geoetl.auth.reader.api-key", "viewer:" + READ_KEY).start();
    }

    @AfterAll
    static void stop() {
        router.close();
    }

    @Test
    void everyMutatingEndpointRefusesMissingWrongAndReadOnlyCredentials() {
        List<String[]> mutating = endpoints(false);
        assertThat(mutating).extracting(e -> e[0] + " " + e[1]).contains(
                "POST /api/jobs/submit/{job_type}", "POST /api/jobs/{job_id}/retry",
                "POST /api/jobs/{job_id}/cleanup", "POST /api/dbadmin/janitor/run");

        long jobsBefore = count("select count(*) from app.jobs");
        for (String[] endpoint : mutating) {
            String path = concrete(endpoint[1]);
            expectError(Api.anonymous(router.baseUrl()).send(endpoint[0], path, "{}"), 401, "unauthorized", endpoint);
            expectError(Api.withCredentials(router.baseUrl(), "X-API-Key", "not-the-right-key-123456").send(endpoint[0], path, "{}"),
                    401, "unauthorized", endpoint);
            expectError(Api.withCredentials(router.baseUrl(), "X-API-Key", READ_KEY).send(endpoint[0], path, "{}"),
                    403, "forbidden", endpoint);
        }
        assertThat(count("select count(*) from app.jobs")).as("no job was created by a refused request").isEqualTo(jobsBefore);
    }

    @Test
    void theRightKeyIsAccepted() {
        Api.Reply reply = new Api(router.baseUrl()).submit("hello_world", "{\"n\": 1}");
        assertThat(reply.status()).isEqualTo(201);
        String jobId = reply.body().get("job_id").asText();
        assertThat(new Api(router.baseUrl()).get("/api/jobs/" + jobId + "/events").body().get("events").get(0).get("actor").asText())
                .isEqualTo("api:tests"); // the key's name in Api.TEST_API_KEYS, never the key
    }

    @Test
    void readEndpointsAreOpenByDefault() {
        List<String[]> reads = endpoints(true);
        assertThat(reads).extracting(e -> e[1]).containsExactlyInAnyOrderElementsOf(OPEN_READ_STATUS.keySet());
        for (String[] endpoint : reads) {
            Api.Reply reply = Api.anonymous(router.baseUrl()).send("GET", concrete(endpoint[1]), null);
            assertThat(reply.status()).as(endpoint[1] + ": " + reply.text()).isEqualTo(OPEN_READ_STATUS.get(endpoint[1]));
        }
    }

    @Test
    void readsNeedCredentialsWhenConfigured() {
        try (RunningRouter closed = RunningRouter.builder().property("geoetl.auth.read-open", "false")
                .property("geoetl.auth.reader.api-key", "viewer:" + READ_KEY).start()) {
            Api.Reply anonymous = Api.anonymous(closed.baseUrl()).get("/api/jobs");
            expectError(anonymous, 401, "unauthorized", new String[] {"GET", "/api/jobs"});
            Api.Reply stream = Api.anonymous(closed.baseUrl()).get(JobEventStreams.PATH);
            assertThat(stream.status()).as("the job event stream follows the same rule").isEqualTo(401);
            assertThat(stream.body().path("code").asText()).isEqualTo("unauthorized");
            assertThat(Api.withCredentials(closed.baseUrl(), "X-API-Key", READ_KEY).get("/api/jobs").status()).isEqualTo(200);
            assertThat(new Api(closed.baseUrl()).get("/api/jobs").status()).isEqualTo(200);
            expectError(Api.anonymous(closed.baseUrl()).get("/api/health"), 401, "unauthorized", new String[] {"GET", "/api/health"});
            for (String open : new String[] {"/api/health/ready", "/api/health/live", "/api/console/config"}) {
                Api.Reply reply = Api.anonymous(closed.baseUrl()).get(open);
                assertThat(reply.status()).as(open + " is declared public (probes and the console's sign-in need it): " + reply.text()).isEqualTo(200);
            }
            assertThat(Api.anonymous(closed.baseUrl()).get("/api/console/config").body().has("auth")).isTrue();
        }
    }

    /** What an anonymous GET of each read endpoint answers (the job id of {@link #concrete} does not exist). */
    private static final java.util.Map<String, Integer> OPEN_READ_STATUS = java.util.Map.ofEntries(
            java.util.Map.entry("/api/jobs", 200),
            java.util.Map.entry("/api/dbadmin/janitor/runs", 200),
            java.util.Map.entry("/api/storage/blobs", 200),
            java.util.Map.entry("/api/console/config", 200),
            java.util.Map.entry("/api/jobs/{job_id}", 404),
            java.util.Map.entry("/api/jobs/{job_id}/tasks", 404),
            java.util.Map.entry("/api/jobs/{job_id}/events", 404),
            java.util.Map.entry("/api/jobs/{job_id}/stages", 404),
            java.util.Map.entry("/api/job-types", 200),
            java.util.Map.entry("/api/job-types/{job_type}", 200),
            java.util.Map.entry("/api/health", 200),
            java.util.Map.entry("/api/health/live", 200),
            java.util.Map.entry("/api/health/ready", 200),
            java.util.Map.entry("/api/dbadmin/zombie-tasks", 200),
            java.util.Map.entry("/api/dbadmin/poison", 200),
            java.util.Map.entry("/api/metrics", 200),
            java.util.Map.entry("/api/stac", 200),
            java.util.Map.entry("/api/stac/conformance", 200),
            java.util.Map.entry("/api/stac/queryables", 200),
            java.util.Map.entry("/api/stac/search", 200),
            java.util.Map.entry("/api/stac/collections", 200),
            java.util.Map.entry("/api/stac/collections/{collectionId}", 404),
            java.util.Map.entry("/api/stac/collections/{collectionId}/queryables", 404),
            java.util.Map.entry("/api/stac/collections/{collectionId}/items", 404),
            java.util.Map.entry("/api/stac/collections/{collectionId}/items/{itemId}", 404),
            java.util.Map.entry("/api/docs", 200),
            java.util.Map.entry("/api/openapi.json", 200),
            java.util.Map.entry("/api/features", 200),
            java.util.Map.entry("/api/features/conformance", 200),
            java.util.Map.entry("/api/features/collections", 200),
            java.util.Map.entry("/api/features/collections/{collectionId}", 404),
            java.util.Map.entry("/api/features/collections/{collectionId}/items", 404),
            java.util.Map.entry("/api/features/collections/{collectionId}/items/{featureId}", 404),
            java.util.Map.entry("/api/features/collections/{collectionId}/tiles/{z}/{x}/{y}", 400),
            java.util.Map.entry("/api/promotions", 200),
            java.util.Map.entry("/api/promotions/{job_id}", 404),
            java.util.Map.entry("/api/promotion-schedule/events", 200),
            java.util.Map.entry("/api/lineage", 400));

    /** [method, path] of every REST verb of the router; {@code reads}: GET ones, else all others. */
    private static List<String[]> endpoints(boolean reads) {
        Model model = router.camel().getCamelContextExtension().getContextPlugin(Model.class);
        List<String[]> endpoints = new ArrayList<>();
        for (RestDefinition rest : model.getRestDefinitions()) {
            for (VerbDefinition verb : rest.getVerbs()) {
                String method = verb.asVerb().toUpperCase();
                String path = rest.getPath() + (verb.getPath() == null ? "" : verb.getPath());
                boolean declaredRead = verb.getSecurity() != null && verb.getSecurity().stream().anyMatch(requirement -> "read".equals(requirement.getScopes()));
                if (reads ? method.equals("GET") : !method.equals("GET") && !declaredRead) endpoints.add(new String[] {method, path});
            }
        }
        return endpoints;
    }

    private static String concrete(String path) {
        // any other path parameter (collection ids, feature ids…) gets a plain value
        return path.replace("{job_type}", "hello_world").replace("{job_id}", "a".repeat(64)).replaceAll("\\{[^}]+}", "x1");
    }

    private static void expectError(Api.Reply reply, int status, String code, String[] endpoint) {
        String what = endpoint[0] + " " + endpoint[1];
        assertThat(reply.status()).as(what + ": " + reply.text()).isEqualTo(status);
        JsonNode body = reply.body();
        assertThat(body).as(what + " answers JSON").isNotNull();
        assertThat(body.get("code").asText()).as(what).isEqualTo(code);
        assertThat(body.get("message").asText()).as(what).isNotBlank();
        assertThat(body.has("details")).as(what).isTrue();
    }

    private static long count(String sql) {
        return io.geoetl.testing.TestDb.shared().count(sql);
    }
}
