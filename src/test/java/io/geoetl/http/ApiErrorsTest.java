package io.geoetl.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.geoetl.testing.Api;
import io.geoetl.testing.RunningRouter;
import io.geoetl.testing.TestServices;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Malformed requests get JSON errors with a stable code, an actionable message and the right status. */
class ApiErrorsTest {
    private static RunningRouter router;
    private static Api api;

    @BeforeAll
    static void start() {
        TestServices.get().deleteAllJobs();
        router = RunningRouter.builder().property("geoetl.http.max-body-bytes", "2048").start();
        api = new Api(router.baseUrl());
    }

    @AfterAll
    static void stop() {
        router.close();
    }

    @Test
    void malformedJsonIs400WithWhereItBroke() {
        Api.Reply reply = api.submit("hello_world", "{\"n\": 3");
        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.body().get("code").asText()).isEqualTo("malformed_json");
        assertThat(reply.body().get("message").asText()).contains("not valid JSON").contains("line 1");
    }

    @Test
    void deeplyNestedJsonIs400NotAnInternalError() {
        Api.Reply reply = api.submit("hello_world", "[".repeat(1500));
        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.body().get("code").asText()).isEqualTo("malformed_json");
        assertThat(reply.body().get("message").asText()).contains("not valid JSON").contains("nesting depth");
    }

    @Test
    void aBodyThatIsNotAnObjectIs400() {
        Api.Reply reply = api.submit("hello_world", "[1, 2]");
        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.body().get("code").asText()).isEqualTo("invalid_body");
    }

    @Test
    void everyParameterProblemIsListed() {
        Api.Reply reply = api.submit("hello_world", "{\"n\": 5000, \"colour\": \"red\", \"fail_permanently\": \"x\"}");
        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.body().get("code").asText()).isEqualTo("invalid_parameters");
        assertThat(reply.body().get("details").get("problems")).extracting(p -> p.asText())
                .anySatisfy(p -> assertThat(p).contains("n must be between 1 and 1000, got 5000"))
                .anySatisfy(p -> assertThat(p).contains("unknown parameter colour"))
                .anySatisfy(p -> assertThat(p).contains("fail_permanently must be a list of integers"))
                .hasSize(3);
    }

    @Test
    void anUnknownJobTypeIs404NamingTheKnownTypes() {
        Api.Reply reply = api.submit("make_coffee", "{}");
        assertThat(reply.status()).isEqualTo(404);
        assertThat(reply.body().get("code").asText()).isEqualTo("unknown_job_type");
        assertThat(reply.body().get("message").asText()).contains("make_coffee").contains("hello_world");
    }

    @Test
    void anUnknownJobIdIs404() {
        Api.Reply missing = api.get("/api/jobs/" + "a".repeat(64));
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.body().get("code").asText()).isEqualTo("job_not_found");

        Api.Reply malformed = api.get("/api/jobs/not-a-job-id/tasks");
        assertThat(malformed.status()).isEqualTo(404);
        assertThat(malformed.body().get("message").asText()).contains("64 lower-case hex characters");
    }

    @Test
    void anOversizedBodyIs413() {
        Api.Reply reply = api.submit("hello_world", "{\"n\": 3, \"pad\": \"" + "x".repeat(5000) + "\"}");
        assertThat(reply.status()).isEqualTo(413);
        assertThat(reply.body().get("code").asText()).isEqualTo("body_too_large");
        assertThat(reply.body().get("message").asText()).contains("2048");
    }

    @Test
    void aNonJsonContentTypeIs415() {
        Api.Reply reply = api.post("/api/jobs/submit/hello_world", "n=3", "application/x-www-form-urlencoded");
        assertThat(reply.status()).isEqualTo(415);
        assertThat(reply.body().get("code").asText()).isEqualTo("unsupported_media_type");
    }

    @Test
    void badListQueriesAre400() {
        Api.Reply reply = api.get("/api/jobs?status=sleeping");
        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.body().get("message").asText()).contains("status must be one of");
    }

    @Test
    void retryOfAJobThatHasNotFailedIs409() {
        String jobId = api.submit("hello_world", "{\"n\": 1}").body().get("job_id").asText();
        api.waitForFinal(jobId, java.time.Duration.ofSeconds(30));
        Api.Reply reply = api.post("/api/jobs/" + jobId + "/retry", "");
        assertThat(reply.status()).isEqualTo(409);
        assertThat(reply.body().get("code").asText()).isEqualTo("job_not_retryable");
    }

    @Test
    void healthReportsEveryDependency() {
        Api.Reply reply = api.get("/api/health");
        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.body().get("status").asText()).isEqualTo("up");
        assertThat(reply.body().get("checks").get("database").get("detail").asText()).startsWith("PostGIS 3");
        assertThat(reply.body().get("checks").get("gdal").get("detail").asText()).startsWith("GDAL 3.6");
        assertThat(reply.body().get("checks").get("queue").get("status").asText()).isEqualTo("up");
        assertThat(reply.body().get("checks").get("storage").get("status").asText()).isEqualTo("up");
    }

    @Test
    void jobsAreListedNewestFirstAndFiltered() {
        String a = api.submit("hello_world", "{\"n\": 2}").body().get("job_id").asText();
        String b = api.submit("hello_world", "{\"n\": 3}").body().get("job_id").asText();
        api.waitForFinal(a, java.time.Duration.ofSeconds(30));
        api.waitForFinal(b, java.time.Duration.ofSeconds(30));
        Api.Reply reply = api.get("/api/jobs?job_type=hello_world&status=completed&limit=1");
        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.body().get("jobs")).hasSize(1);
        assertThat(reply.body().get("total").asInt()).isGreaterThanOrEqualTo(2);
        assertThat(reply.body().get("jobs").get(0).get("job_id").asText()).isEqualTo(b);
    }
}
