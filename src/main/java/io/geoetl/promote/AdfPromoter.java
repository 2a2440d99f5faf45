package io.geoetl.promote;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.geoetl.jobs.BadInputException;
import io.geoetl.jobs.Json;
import io.geoetl.store.Database;
import io.geoetl.store.TableTransfer;
import io.geoetl.store.TableTransfer.Checksum;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Backend adf: Data Factory's pipeline copy_staging_to_production moves the rows. Promote starts a
 * run (or picks up the one this job already started: the run id recorded in app.promotions, or
 * else the run whose job_id parameter is this job, for a router that died right after starting
 * it) and polls it with growing pauses until it ends or geoetl.promote.adf.timeout passes; the
 * task's heartbeat keeps going meanwhile. A Failed or Cancelled run fails the job with ADF's
 * message. Verify compares counts (and, for replace, checksums) on both databases and publishes
 * the catalog row and the STAC item.
 */
final class AdfPromoter implements PromotionBackend {
    private static final Logger LOG = LoggerFactory.getLogger(AdfPromoter.class);
    private final Database staging;
    private final AdfPipelineRuns runs;
    private final TableTransfer transfer;
    private final AdfSettings settings;
    private final PromotedItems items;

    AdfPromoter(Database staging, AdfPipelineRuns runs, TableTransfer transfer, AdfSettings settings, PromotedItems items) {
        this.staging = staging;
        this.runs = runs;
        this.transfer = transfer;
        this.settings = settings;
        this.items = items;
    }

    @Override
    public JsonNode promote(String jobId, PromoteParameters p) {
        String runId = runOf(jobId, p);
        AdfPipelineRuns.RunState state = await(runId);
        switch (state.status()) {
            case "Succeeded" -> { }
            case "Cancelled" -> throw new BadInputException("Data Factory run " + runId + " of " + settings.pipeline() + " was cancelled"
                    + (state.message() == null || state.message().isBlank() ? "" : ": " + state.message()));
            default -> throw new BadInputException("Data Factory run " + runId + " of " + settings.pipeline() + " failed: " + state.message());
        }
        AdfPipelineRuns.CopyCounts counts = runs.copyCounts(runId);
        ObjectNode result = Json.object();
        result.put("adf_run_id", runId);
        if (counts.rowsRead() != null) result.put("rows_read", counts.rowsRead());
        if (counts.rowsWritten() != null) result.put("rows_written", counts.rowsWritten());
        return result;
    }

    @Override
    public JsonNode verify(String jobId, PromoteParameters p, JsonNode promoted) {
        ObjectNode result = Json.object();
        if (p.verify()) {
            Checksum source = transfer.stagingChecksum(p.source());
            ObjectNode verification;
            if (p.replace()) {
                verification = LocalPromoter.verification(LocalPromoter.checksum(source), LocalPromoter.checksum(transfer.productionChecksum(p.target())));
            } else {
                // an append cannot be told apart from the rows already there: ADF's own count must match the source
                long written = promoted.path("rows_written").asLong(-1);
                verification = Json.object().put("verified", written == source.rows());
                verification.set("source", LocalPromoter.checksum(source));
                verification.set("target", Json.object().put("rows", written));
            }
            if (!verification.get("verified").asBoolean()) {
                throw new BadInputException("verification failed after Data Factory run " + promoted.path("adf_run_id").asText() + ": source "
                        + verification.get("source") + ", target " + verification.get("target"));
            }
            result.set("verification", verification);
        }
        PromotedStacItem item = items.of(transfer, jobId, p);
        transfer.publishCatalogRow(jobId, p.target(), transfer.stagingCatalogRow(p.source()), item);
        if (item.reference() != null) result.put(LocalPromoter.STAC_ITEM, item.reference());
        return result;
    }

    /** The run this job started before (recorded, or found by its job_id parameter), else a new one; recorded before polling. */
    private String runOf(String jobId, PromoteParameters p) {
        String recorded = staging.inTransaction(tx -> tx.promotions().adfRunId(jobId));
        if (recorded != null) return recorded;
        String runId = runs.findByJobId(jobId, OffsetDateTime.now().minus(settings.lookBack())).orElse(null);
        if (runId != null) {
            LOG.info("promotion {}: found Data Factory run {} started by an earlier attempt", jobId, runId);
        } else {
            runId = runs.start(pipelineParameters(jobId, p));
            LOG.info("promotion {}: started Data Factory run {}", jobId, runId);
        }
        String id = runId;
        staging.inTransaction(tx -> {
            tx.promotions().recordAdfRun(jobId, id);
            return null;
        });
        return runId;
    }

    static Map<String, Object> pipelineParameters(String jobId, PromoteParameters p) {
        Map<String, Object> parameters = new LinkedHashMap<>();
        parameters.put("source_schema", p.source().schema());
        parameters.put("source_table", p.source().table());
        parameters.put("target_schema", p.target().schema());
        parameters.put("target_table", p.target().table());
        parameters.put("mode", p.mode());
        parameters.put(AdfPipelineRuns.JOB_ID, jobId);
        return parameters;
    }

    /** Polls until the run ends: pauses start at poll-first and double up to poll-max; gives up after timeout. */
    private AdfPipelineRuns.RunState await(String runId) {
        long deadline = System.nanoTime() + settings.timeout().toNanos();
        Duration pause = settings.pollFirst();
        while (true) {
            AdfPipelineRuns.RunState state = runs.state(runId);
            if (state.finished()) return state;
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new BadInputException("Data Factory run " + runId + " is still " + state.status() + " after " + settings.timeout()
                        + " (geoetl.promote.adf.timeout); it was left running, look at it in the factory's monitor");
            }
            sleep(Math.min(pause.toMillis(), left / 1_000_000 + 1));
            pause = pause.multipliedBy(2).compareTo(settings.pollMax()) > 0 ? settings.pollMax() : pause.multipliedBy(2);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for a Data Factory run", e);
        }
    }
}
