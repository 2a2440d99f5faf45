package io.geoetl.promote;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.geoetl.promote.PromotionTestSupport.createTable;
import static io.geoetl.promote.PromotionTestSupport.production;
import static io.geoetl.promote.PromotionTestSupport.staging;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.geoetl.jobs.BadInputException;
import io.geoetl.jobs.JobIds;
import io.geoetl.jobs.Json;
import io.geoetl.jobs.TaskContext;
import io.geoetl.store.Database;
import io.geoetl.store.TableTransfer;
import io.geoetl.testing.Api;
import io.geoetl.testing.RouterProcess;
import io.geoetl.testing.RunningRouter;
import io.geoetl.testing.ServiceAddresses;
import io.geoetl.testing.TestServices;
import io.geoetl.testing.Waits;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Backend adf through the real azure-resourcemanager-datafactory SDK against an HTTPS stand-in
 * for Azure Resource Manager (the only fake in the suite), with the real staging and production
 * databases for the audit rows, the checksums and the catalog. Through real routers: the exact run
 * request of a submission, followed to Succeeded, and a router killed after its create-run request
 * reached the stand-in, followed by one that finds that run. Through the job type directly:
 * Failed, Cancelled, throttling and a poll timeout.
 */
class AdfPromotionTest {
    private static final String API_VERSION = "2018-06-01";
    private static final String PIPELINE = "copy_staging_to_production";
    private static final int ROWS = 50;
    private static final Duration WAIT = Duration.ofMinutes(2);
    @TempDir
    static Path dir;
    private static AdfStandIn standIn;
    private static Database stagingDb;
    private static Database productionDb;

    @BeforeAll
    static void start() throws Exception {
        standIn = new AdfStandIn(dir);
        TestServices s = TestServices.get();
        stagingDb = new Database(s.dbUrl, s.dbUser, s.dbPassword, 2, "geoetl-test");
        stagingDb.migrate();
        productionDb = new Database(PromotionTestSupport.productionUrl(), s.dbUser, s.dbPassword, 2, "geoetl-test");
        productionDb.migrate();
        createTable(staging(), "geo", "adf_src", ROWS);
        // what the pipeline's copy activity does in Azure, done here so verification has real rows to compare
        production().exec("create schema if not exists prod");
        createTable(production(), "prod", "adf_target", ROWS);
    }

    @AfterAll
    static void stop() {
        standIn.close();
        stagingDb.close();
        productionDb.close();
    }

    @BeforeEach
    void reset() {
        standIn.server.resetAll();
        staging().exec("truncate app.promotions");
        standIn.server.stubFor(post(urlPathEqualTo(AdfStandIn.FACTORY_PATH + "/queryPipelineRuns")).willReturn(okJson("{\"value\": []}")));
    }

    @Test
    void aSubmissionToARouterStartsTheRunWithTheExactRequestAndFollowsItToSucceeded() {
        stubCreateRun("run-ok");
        stubStatuses("run-ok", "InProgress", "InProgress", "Succeeded");
        stubCopyCounts("run-ok", ROWS, ROWS);

        JsonNode job;
        String jobId;
        try (RunningRouter router = adfRouter().start()) {
            Api api = new Api(router.baseUrl());
            jobId = submit(api);
            job = api.waitForFinal(jobId, WAIT);
            assertThat(job.path("status").asText()).as(job.toPrettyString()).isEqualTo("completed");
            JsonNode audit = api.get("/api/promotions/" + jobId).body();
            assertThat(audit.path("backend").asText()).isEqualTo("adf");
            assertThat(audit.path("adf_run_id").asText()).isEqualTo("run-ok");
            assertThat(audit.path("status").asText()).isEqualTo("completed");
            assertThat(audit.path("rows_read").asLong()).isEqualTo(ROWS);
            assertThat(audit.path("rows_written").asLong()).isEqualTo(ROWS);
            assertThat(audit.path("requested_by").asText()).isEqualTo("api:tests");
        }

        standIn.server.verify(1, postRequestedFor(urlPathEqualTo(AdfStandIn.FACTORY_PATH + "/pipelines/" + PIPELINE + "/createRun"))
                .withQueryParam("api-version", equalTo(API_VERSION))
                .withHeader("Authorization", equalTo("Bearer " + AdfStandIn.TOKEN))
                .withRequestBody(equalToJson("{\"source_schema\": \"geo\", \"source_table\": \"adf_src\", \"target_schema\": \"prod\", "
                        + "\"target_table\": \"adf_target\", \"mode\": \"replace\", \"job_id\": \"" + jobId + "\"}")));
        standIn.server.verify(3, getRequestedFor(urlPathEqualTo(AdfStandIn.FACTORY_PATH + "/pipelineruns/run-ok"))
                .withQueryParam("api-version", equalTo(API_VERSION)));
        JsonNode result = job.path("result");
        assertThat(result.path("adf_run_id").asText()).isEqualTo("run-ok");
        assertThat(result.path("rows_written").asLong()).isEqualTo(ROWS);
        assertThat(result.path("verification").path("verified").asBoolean()).isTrue();
    }

    @Test
    void aFailedRunFailsTheJobWithDataFactorysMessage() {
        String jobId = jobId("failed");
        stubCreateRun("run-failed");
        standIn.server.stubFor(get(urlPathEqualTo(AdfStandIn.FACTORY_PATH + "/pipelineruns/run-failed"))
                .willReturn(okJson(run("run-failed", "Failed", "Operation on target copy_rows failed: ErrorCode=UserErrorFailedToConnectToPostgreSql"))));

        assertThatThrownBy(() -> runJob(promoter(Duration.ofSeconds(30)), jobId)).isInstanceOf(BadInputException.class)
                .hasMessage("Data Factory run run-failed of " + PIPELINE + " failed: Operation on target copy_rows failed: "
                        + "ErrorCode=UserErrorFailedToConnectToPostgreSql");
        assertThat(auditRow(jobId)).containsEntry("status", "failed").containsEntry("adf_run_id", "run-failed");
        assertThat((String) auditRow(jobId).get("error")).contains("UserErrorFailedToConnectToPostgreSql");
    }

    @Test
    void aCancelledRunFailsTheJob() {
        String jobId = jobId("cancelled");
        stubCreateRun("run-cancelled");
        stubStatuses("run-cancelled", "InProgress", "Cancelled");
        assertThatThrownBy(() -> runJob(promoter(Duration.ofSeconds(30)), jobId)).isInstanceOf(BadInputException.class)
                .hasMessageStartingWith("Data Factory run run-cancelled of " + PIPELINE + " was cancelled");
    }

    @Test
    void throttlingIsWaitedOutAsRetryAfterSays() {
        String jobId = jobId("throttled");
        stubCreateRun("run-429");
        String path = AdfStandIn.FACTORY_PATH + "/pipelineruns/run-429";
        standIn.server.stubFor(get(urlPathEqualTo(path)).inScenario("throttle").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "2")
                        .withHeader("Content-Type", "application/json").withBody("{\"error\": {\"code\": \"TooManyRequests\"}}"))
                .willSetStateTo("served"));
        standIn.server.stubFor(get(urlPathEqualTo(path)).inScenario("throttle").whenScenarioStateIs("served")
                .willReturn(okJson(run("run-429", "Succeeded", ""))));
        stubCopyCounts("run-429", ROWS, ROWS);

        JsonNode result = runJob(promoter(Duration.ofSeconds(30)), jobId);

        List<LoggedRequest> polls = standIn.server.findAll(getRequestedFor(urlPathEqualTo(path)));
        assertThat(polls).hasSize(2);
        assertThat(polls.get(1).getLoggedDate().getTime() - polls.get(0).getLoggedDate().getTime()).isGreaterThanOrEqualTo(2_000);
        assertThat(result.path("adf_run_id").asText()).isEqualTo("run-429");
    }

    @Test
    void aRunThatOutlastsTheTimeoutFailsTheJob() {
        String jobId = jobId("slow");
        stubCreateRun("run-slow");
        standIn.server.stubFor(get(urlPathEqualTo(AdfStandIn.FACTORY_PATH + "/pipelineruns/run-slow")).willReturn(okJson(run("run-slow", "InProgress", ""))));
        assertThatThrownBy(() -> runJob(promoter(Duration.ofSeconds(2)), jobId)).isInstanceOf(BadInputException.class)
                .hasMessage("Data Factory run run-slow is still InProgress after PT2S (geoetl.promote.adf.timeout); it was left running, "
                        + "look at it in the factory's monitor");
    }

    @Test
    void aRouterKilledAfterItsCreateRunReachedDataFactoryIsFollowedByOneThatFindsThatRun() {
        String createRun = AdfStandIn.FACTORY_PATH + "/pipelines/" + PIPELINE + "/createRun";
        // Data Factory takes its time to answer: router A dies while it waits, before it can record the run id
        standIn.server.stubFor(post(urlPathEqualTo(createRun)).willReturn(okJson("{\"runId\": \"run-first\"}").withFixedDelay(20_000)));
        stubStatuses("run-first", "Succeeded");
        stubCopyCounts("run-first", ROWS, ROWS);
        String queue = "adf-kill-" + UUID.randomUUID().toString().substring(0, 8);

        String jobId;
        try (RouterProcess routerA = adfRouterProcess(queue)) {
            jobId = submit(new Api(routerA.baseUrl()));
            Waits.until("router A's createRun request at the stand-in", WAIT,
                    () -> standIn.server.findAll(postRequestedFor(urlPathEqualTo(createRun))).size(), n -> n == 1);
            routerA.killHard();
        }
        assertThat(auditRow(jobId)).containsEntry("status", "running").containsEntry("adf_run_id", null);
        // the run router A started now shows up in Data Factory's run list, with the job id it passed
        standIn.server.stubFor(post(urlPathEqualTo(AdfStandIn.FACTORY_PATH + "/queryPipelineRuns")).willReturn(okJson("{\"value\": ["
                + run("other-run", "Succeeded", "", "0".repeat(64)) + ", " + run("run-first", "InProgress", "", jobId) + "]}")));

        try (RunningRouter routerB = adfRouter().queue(queue)
                .property("geoetl.janitor.cron", "0/1 * * * * ?")
                .property("geoetl.janitor.stale-after", "PT3S")
                .property("geoetl.tasks.heartbeat-interval", "PT0.5S").start()) {
            JsonNode job = new Api(routerB.baseUrl()).waitForFinal(jobId, WAIT);
            assertThat(job.path("status").asText()).as(job.toPrettyString()).isEqualTo("completed");
            assertThat(job.path("result").path("adf_run_id").asText()).isEqualTo("run-first");
        }

        standIn.server.verify(1, postRequestedFor(urlPathEqualTo(createRun)).withRequestBody(equalToJson("{\"job_id\": \"" + jobId + "\"}", true, true)));
        standIn.server.verify(postRequestedFor(urlPathEqualTo(AdfStandIn.FACTORY_PATH + "/queryPipelineRuns"))
                .withRequestBody(equalToJson("{\"filters\": [{\"operand\": \"PipelineName\", \"operator\": \"Equals\", \"values\": [\"" + PIPELINE + "\"]}]}",
                        true, true)));
        assertThat(auditRow(jobId)).containsEntry("adf_run_id", "run-first").containsEntry("status", "completed");
    }

    /** A router whose adf backend talks to the stand-in (static credential, client trusting its certificate). */
    private static RunningRouter.Builder adfRouter() {
        RunningRouter.Builder builder = PromotionTestSupport.router()
                .bean(PromoteBinder.ADF_CREDENTIAL, AdfStandIn.credential())
                .bean(PromoteBinder.ADF_HTTP_CLIENT, httpClient());
        adfProperties().forEach(builder::property);
        return builder;
    }

    /** The same router in its own JVM, so it can be killed. */
    private static RouterProcess adfRouterProcess(String queue) {
        TestServices s = TestServices.get();
        RouterProcess.Builder builder = RouterProcess.builder(ServiceAddresses.shared()).name("adf-a-" + queue).queue(queue)
                .mainClass(AdfStandInRouterMain.class.getName())
                .property(AdfStandInRouterMain.KEYSTORE, standIn.keystore.toString())
                .property("geoetl.production-db.url", PromotionTestSupport.productionUrl())
                .property("geoetl.production-db.user", s.dbUser)
                .property("geoetl.promote.allowed-target-schemas", "geo,prod")
                .property("geoetl.tasks.heartbeat-interval", "PT0.5S")
                .property("geoetl.janitor.enabled", "false");
        adfProperties().forEach(builder::property);
        return builder.start();
    }

    private static Map<String, String> adfProperties() {
        return Map.of("geoetl.promote.adf.subscription-id", "sub-1", "geoetl.promote.adf.resource-group", "rg-geo",
                "geoetl.promote.adf.factory", "geo-factory", "geoetl.promote.adf.resource-manager-endpoint", standIn.endpoint(),
                "geoetl.promote.adf.poll-first", "PT0.1S", "geoetl.promote.adf.poll-max", "PT0.4S", "geoetl.promote.adf.timeout", "PT30S");
    }

    /** promote_data with backend adf through the API (a version of its own, so every test is a new job); returns the job id. */
    private static String submit(Api api) {
        String version = "fingerprint:" + UUID.randomUUID().toString().replace("-", "");
        Api.Reply reply = api.submit("promote_data", "{\"source\": \"geo.adf_src\", \"target\": \"prod.adf_target\", \"backend\": \"adf\", "
                + "\"source_version\": \"" + version + "\"}");
        assertThat(reply.status()).as(reply.text()).isEqualTo(201);
        return reply.body().path("job_id").asText();
    }

    /** Runs the job's two tasks through the job type, as a worker would. */
    private static JsonNode runJob(PromoteDataJobType type, String jobId) {
        ObjectNode parameters = parameters(jobId);
        JsonNode promoted = type.runTask(new TaskContext(jobId, jobId + "-s1-t0", 1, 0, "promote", 1, parameters, Json.object()));
        return type.runTask(new TaskContext(jobId, jobId + "-s2-t0", 2, 0, "verify", 1, parameters, promoted));
    }

    private static ObjectNode parameters(String jobId) {
        return promoter(Duration.ofSeconds(1)).normalise(Json.object().put("source", "geo.adf_src").put("target", "prod.adf_target")
                .put("backend", "adf").put("source_version", "fingerprint:" + jobId.substring(0, 32)));
    }

    private static PromoteDataJobType promoter(Duration timeout) {
        AdfSettings settings = settings(timeout);
        AdfPromoter adf = new AdfPromoter(stagingDb, new AdfPipelineRuns(settings, AdfStandIn.credential(), httpClient()),
                new TableTransfer(stagingDb, productionDb, 65536), settings, new PromotedItems("vector-datasets", ""));
        return new PromoteDataJobType(stagingDb, new PromoteSettings(Set.of("prod"), "adf", 65536, false), Map.of("adf", adf));
    }

    private static AdfSettings settings(Duration timeout) {
        return new AdfSettings("sub-1", "rg-geo", "geo-factory", PIPELINE, standIn.endpoint(), "", Duration.ofMillis(100),
                Duration.ofMillis(400), timeout, Duration.ofDays(2));
    }

    private static com.azure.core.http.HttpClient httpClient() {
        try {
            return standIn.httpClient();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String jobId(String name) {
        return JobIds.jobId("adf-test", Json.object().put("case", name).put("at", System.nanoTime()));
    }

    private static void stubCreateRun(String runId) {
        standIn.server.stubFor(post(urlPathEqualTo(AdfStandIn.FACTORY_PATH + "/pipelines/" + PIPELINE + "/createRun"))
                .willReturn(okJson("{\"runId\": \"" + runId + "\"}")));
    }

    /** The run's status on each successive poll; the last one repeats. */
    private static void stubStatuses(String runId, String... statuses) {
        String path = AdfStandIn.FACTORY_PATH + "/pipelineruns/" + runId;
        for (int i = 0; i < statuses.length; i++) {
            String state = i == 0 ? Scenario.STARTED : "poll-" + i;
            var stub = get(urlPathEqualTo(path)).inScenario(runId).whenScenarioStateIs(state).willReturn(okJson(run(runId, statuses[i], "")));
            standIn.server.stubFor(i + 1 < statuses.length ? stub.willSetStateTo("poll-" + (i + 1)) : stub);
        }
    }

    private static void stubCopyCounts(String runId, long read, long copied) {
        standIn.server.stubFor(post(urlPathEqualTo(AdfStandIn.FACTORY_PATH + "/pipelineruns/" + runId + "/queryActivityruns"))
                .willReturn(okJson("{\"value\": [{\"activityName\": \"copy_rows\", \"activityType\": \"Copy\", \"status\": \"Succeeded\", "
                        + "\"output\": {\"rowsRead\": " + read + ", \"rowsCopied\": " + copied + "}}]}")));
    }

    private static String run(String runId, String status, String message) {
        return run(runId, status, message, null);
    }

    private static String run(String runId, String status, String message, String jobId) {
        return "{\"runId\": \"" + runId + "\", \"pipelineName\": \"" + PIPELINE + "\", \"status\": \"" + status + "\", \"message\": \""
                + message + "\", \"runStart\": \"2026-12-01T10:00:00Z\", \"lastUpdated\": \"2026-12-01T10:05:00Z\""
                + (jobId == null ? "" : ", \"parameters\": {\"job_id\": \"" + jobId + "\"}") + "}";
    }

    private static Map<String, Object> auditRow(String jobId) {
        return staging().rows("select status, backend, adf_run_id, rows_read, rows_written, error from app.promotions where job_id = ?", jobId).get(0);
    }
}
