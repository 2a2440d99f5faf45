package io.geoetl.promote;

import com.azure.core.credential.TokenCredential;
import com.azure.core.http.HttpClient;
import com.azure.core.management.AzureEnvironment;
import com.azure.core.management.profile.AzureProfile;
import com.azure.core.util.Context;
import com.azure.resourcemanager.datafactory.DataFactoryManager;
import com.azure.resourcemanager.datafactory.models.ActivityRun;
import com.azure.resourcemanager.datafactory.models.PipelineRun;
import com.azure.resourcemanager.datafactory.models.PipelineRunsQueryResponse;
import com.azure.resourcemanager.datafactory.models.RunFilterParameters;
import com.azure.resourcemanager.datafactory.models.RunQueryFilter;
import com.azure.resourcemanager.datafactory.models.RunQueryFilterOperand;
import com.azure.resourcemanager.datafactory.models.RunQueryFilterOperator;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The Data Factory calls promotion makes, through azure-resourcemanager-datafactory: start a run
 * of the pipeline, read a run's status, find the run a job started (by its job_id pipeline
 * parameter), and read the copy activity's row counts. The SDK's retry policy waits out 429
 * answers as their Retry-After says.
 */
final class AdfPipelineRuns {
    static final String JOB_ID = "job_id";
    private final DataFactoryManager manager;
    private final AdfSettings settings;

    /** {@code httpClient} null = the SDK's default; tests pass one that trusts their certificate. */
    AdfPipelineRuns(AdfSettings settings, TokenCredential credential, HttpClient httpClient) {
        this.settings = settings;
        Map<String, String> endpoints = new HashMap<>(AzureEnvironment.AZURE.getEndpoints());
        endpoints.put("resourceManagerEndpointUrl", settings.resourceManagerEndpoint());
        AzureProfile profile = new AzureProfile(settings.tenantId().isEmpty() ? null : settings.tenantId(), settings.subscriptionId(),
                new AzureEnvironment(endpoints));
        DataFactoryManager.Configurable configurable = DataFactoryManager.configure();
        if (httpClient != null) configurable.withHttpClient(httpClient);
        this.manager = configurable.authenticate(credential, profile);
    }

    /** A run's state: Queued, InProgress, Succeeded, Failed, Canceling or Cancelled, with ADF's message. */
    record RunState(String status, String message) {
        boolean finished() {
            return status.equals("Succeeded") || status.equals("Failed") || status.equals("Cancelled");
        }
    }

    /** Rows the copy activity read and wrote (null when ADF did not report them). */
    record CopyCounts(Long rowsRead, Long rowsWritten) {}

    String start(Map<String, Object> parameters) {
        return manager.pipelines().createRunWithResponse(settings.resourceGroup(), settings.factory(), settings.pipeline(),
                null, null, null, null, parameters, Context.NONE).getValue().runId();
    }

    RunState state(String runId) {
        PipelineRun run = manager.pipelineRuns().get(settings.resourceGroup(), settings.factory(), runId);
        return new RunState(run.status() == null ? "Unknown" : run.status(), run.message());
    }

    /** The newest run of the pipeline updated since {@code since} whose job_id parameter is {@code jobId}. */
    Optional<String> findByJobId(String jobId, OffsetDateTime since) {
        RunFilterParameters filter = new RunFilterParameters()
                .withLastUpdatedAfter(since)
                .withLastUpdatedBefore(OffsetDateTime.now().plusDays(1))
                .withFilters(List.of(new RunQueryFilter().withOperand(RunQueryFilterOperand.PIPELINE_NAME)
                        .withOperator(RunQueryFilterOperator.EQUALS).withValues(List.of(settings.pipeline()))));
        Optional<PipelineRun> newest = Optional.empty();
        String continuation = null;
        do {
            PipelineRunsQueryResponse page = manager.pipelineRuns().queryByFactory(settings.resourceGroup(), settings.factory(),
                    filter.withContinuationToken(continuation));
            for (PipelineRun run : page.value()) {
                if (run.parameters() != null && jobId.equals(run.parameters().get(JOB_ID))
                        && (newest.isEmpty() || isLater(run, newest.get()))) {
                    newest = Optional.of(run);
                }
            }
            continuation = page.continuationToken();
        } while (continuation != null && !continuation.isEmpty());
        return newest.map(PipelineRun::runId);
    }

    /** Row counts of the run's copy activities (rowsRead, rowsCopied in their output), summed. */
    CopyCounts copyCounts(String runId) {
        RunFilterParameters filter = new RunFilterParameters().withLastUpdatedAfter(OffsetDateTime.now().minusDays(30))
                .withLastUpdatedBefore(OffsetDateTime.now().plusDays(1));
        Long read = null;
        Long written = null;
        for (ActivityRun activity : manager.activityRuns().queryByPipelineRun(settings.resourceGroup(), settings.factory(), runId, filter).value()) {
            if (!"Copy".equals(activity.activityType()) || !(activity.output() instanceof Map<?, ?> output)) continue;
            read = add(read, output.get("rowsRead"));
            written = add(written, output.get("rowsCopied"));
        }
        return new CopyCounts(read, written);
    }

    private static boolean isLater(PipelineRun a, PipelineRun b) {
        return a.runStart() != null && (b.runStart() == null || a.runStart().isAfter(b.runStart()));
    }

    private static Long add(Long sum, Object value) {
        if (!(value instanceof Number number)) return sum;
        return (sum == null ? 0 : sum) + number.longValue();
    }
}
