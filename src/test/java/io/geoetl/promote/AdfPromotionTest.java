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
import io.geoetl.testing.TestServices;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Backend adf through the real azure-resourcemanager-datafactory SDK against an HTTPS stand-in
 * for Azure Resource Manager (the only fake in the suite), with the real staging and production
 * databases for the audit rows, the checksums and the catalog: the exact run request, a run
 * followed to Succeeded, Failed, Cancelled, throttling, a poll timeout, and a router that died
 * after starting a run.
 */
class AdfPromotionTest {
    private static final String API_VERSION = "2018-06-01";
    private static final String PIPELINE = "copy_staging_to_production";
    private static final int ROWS = 50;
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
    void startsTheRunWithTheExactRequestAndFollowsItToSucceeded() {
        String jobId = jobId("succeeded");
        stubCreateRun("run-ok");
        stubStatuses("run-ok", "InProgress", "InProgress", "Succeeded");
        stubCopyCounts("run-ok", ROWS, ROWS);

        JsonNode result = runJob(promoter(Duration.ofSeconds(30)), jobId);

        standIn.server.verify(1, postRequestedFor(urlPathEqualTo(AdfStandIn.FACTORY_PATH + "/pipelines/" + PIPELINE + "/createRun"))
                .withQueryParam("api-version", equalTo(API_VERSION))
                .withHeader("Authorization", equalTo("Bearer " + AdfStandIn.TOKEN))
                .withRequestBody(equalToJson("{\"source_schema\": \"geo\", \"source_table\": \"adf_src\", \"target_schema\": \"prod\", "
                        + "\"target_table\": \"adf_target\", \"mode\": \"replace\", \"job_id\": \"" + jobId + "\"}")));
        standIn.server.verify(3, getRequestedFor(urlPathEqualTo(AdfStandIn.FACTORY_PATH + "/pipelineruns/run-ok"))
                .withQueryParam("api-version", equalTo(API_VERSION)));
        assertThat(result.path("adf_run_id").asText()).isEqualTo("run-ok");
        assertThat(result.path("rows_written").asLong()).isEqualTo(ROWS);
        assertThat(result.path("verification").path("verified").asBoolean()).isTrue();
        Map<String, Object> audit = auditRow(jobId);
        assertThat(audit).containsEntry("status", "completed").containsEntry("adf_run_id", "run-ok").containsEntry("backend", "adf")
                .containsEntry("rows_read", (long) ROWS).containsEntry("rows_written", (long) ROWS);
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
    void aRouterKilledAfterStartingARunPicksThatRunUpInsteadOfStartingASecond() {
        String jobId = jobId("killed");
        stubCreateRun("run-first");
        // the first router's create request reached Data Factory; it died before recording the run id
        new AdfPipelineRuns(settings(Duration.ofSeconds(30)), AdfStandIn.credential(), httpClient())
                .start(AdfPromoter.pipelineParameters(jobId, PromoteParameters.of(parameters(jobId))));
        standIn.server.stubFor(post(urlPathEqualTo(AdfStandIn.FACTORY_PATH + "/queryPipelineRuns")).willReturn(okJson("{\"value\": ["
                + run("other-run", "Succeeded", "", "0".repeat(64)) + ", " + run("run-first", "InProgress", "", jobId) + "]}")));
        stubStatuses("run-first", "Succeeded");
        stubCopyCounts("run-first", ROWS, ROWS);

        JsonNode result = runJob(promoter(Duration.ofSeconds(30)), jobId);

        standIn.server.verify(1, postRequestedFor(urlPathEqualTo(AdfStandIn.FACTORY_PATH + "/pipelines/" + PIPELINE + "/createRun")));
        standIn.server.verify(postRequestedFor(urlPathEqualTo(AdfStandIn.FACTORY_PATH + "/queryPipelineRuns"))
                .withRequestBody(equalToJson("{\"filters\": [{\"operand\": \"PipelineName\", \"operator\": \"Equals\", \"values\": [\"" + PIPELINE + "\"]}]}",
                        true, true)));
        assertThat(result.path("adf_run_id").asText()).isEqualTo("run-first");
        assertThat(auditRow(jobId)).containsEntry("adf_run_id", "run-first").containsEntry("status", "completed");
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
                new TableTransfer(stagingDb, productionDb, 65536), settings);
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
