package io.geoetl.promote;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.geoetl.jobs.BadInputException;
import io.geoetl.jobs.Json;
import io.geoetl.store.TableName;
import io.geoetl.store.TableTransfer;
import io.geoetl.store.TableTransfer.Checksum;
import io.geoetl.store.TableTransfer.Rename;
import java.util.ArrayList;
import java.util.List;

/**
 * Backend local: streamed COPY between a staging and a production connection ({@link TableTransfer}).
 * Replace: promote copies into a work table next to the target and builds its indexes; verify
 * compares it with the source and swaps it in, with the catalog row and the STAC item. Append:
 * promote writes, checks and records (catalog row and STAC item too) in one production
 * transaction; verify only reports.
 */
final class LocalPromoter implements PromotionBackend {
    /** Result field: the production STAC item ("collection/item") published with the table. */
    static final String STAC_ITEM = "stac_item";
    private final TableTransfer transfer;
    private final PromotedItems items;

    LocalPromoter(TableTransfer transfer, PromotedItems items) {
        this.transfer = transfer;
        this.items = items;
    }

    /** The table a replacement is built in, beside the target; an earlier attempt's leftover is dropped first. */
    static TableName workTable(String jobId, TableName target) {
        return target.sibling("_promote_" + jobId.substring(0, 20));
    }

    @Override
    public JsonNode promote(String jobId, PromoteParameters p) {
        ObjectNode result = Json.object();
        if (!p.replace()) {
            PromotedStacItem item = items.of(transfer, jobId, p);
            TableTransfer.Appended appended = transfer.append(jobId, p.source(), p.target(), p.verify(), transfer.stagingCatalogRow(p.source()), item);
            if (item.reference() != null) result.put(STAC_ITEM, item.reference());
            result.put("rows_read", appended.rowsRead());
            result.put("rows_written", appended.rowsWritten());
            result.put("already_written", appended.alreadyWritten());
            if (appended.source() != null) result.set("source", checksum(appended.source()));
            if (appended.targetDelta() != null) result.set("target_gained", checksum(appended.targetDelta()));
            return result;
        }
        TableName work = workTable(jobId, p.target());
        TableTransfer.Staged staged = transfer.stageReplacement(p.source(), work, work.table() + "_", p.verify());
        if (staged.rowsRead() != staged.rowsWritten()) {
            transfer.dropWorkTable(work);
            throw new BadInputException("COPY read " + staged.rowsRead() + " rows from " + p.source() + " but production took "
                    + staged.rowsWritten() + "; nothing was published");
        }
        result.put("work_table", work.table());
        result.put("rows_read", staged.rowsRead());
        result.put("rows_written", staged.rowsWritten());
        if (staged.source() != null) result.set("source", checksum(staged.source()));
        ArrayNode renames = result.putArray("renames");
        staged.renames().forEach(r -> renames.addObject().put("kind", r.kind()).put("temporary", r.temporary()).put("original", r.original()));
        ObjectNode timings = result.putObject("timings_ms");
        timings.put("copy", staged.copyMillis());
        timings.put("indexes", staged.indexMillis());
        timings.put("source_checksum", staged.sourceChecksumMillis());
        return result;
    }

    @Override
    public JsonNode verify(String jobId, PromoteParameters p, JsonNode promoted) {
        ObjectNode result = Json.object();
        ObjectNode timings = result.putObject("timings_ms");
        TableName work = p.replace() ? p.target().sibling(promoted.get("work_table").asText()) : null;
        if (!p.replace() || !transfer.productionTableExists(work)) {
            // appended in stage promote, or swapped in by an earlier attempt of this stage: the ledger holds what was written
            Checksum written = transfer.ledgerEntry(jobId).orElseThrow(() -> new BadInputException("the copied table " + work
                    + " is gone from production and nothing was published; submit the promotion again"));
            if (p.verify() && written.sum() != null) {
                result.set("verification", verification(promoted.has("source") ? promoted.get("source") : checksum(written), checksum(written)));
            }
            String published = p.replace() ? items.of(transfer, jobId, p).reference() : null;
            if (published != null) result.put(STAC_ITEM, published);
            return result;
        }
        ObjectNode verification = null;
        long rows = promoted.get("rows_written").asLong();
        String sum = null;
        if (p.verify()) {
            long started = System.nanoTime();
            Checksum target = transfer.productionChecksum(work);
            timings.put("target_checksum", (System.nanoTime() - started) / 1_000_000);
            JsonNode source = promoted.get("source");
            verification = verification(source, checksum(target));
            if (!verification.get("verified").asBoolean()) {
                transfer.dropWorkTable(work);
                throw new BadInputException("verification failed: " + p.source() + " has " + source.get("rows").asLong() + " rows (checksum "
                        + source.get("checksum").asText() + ") but the copy in production has " + target.rows() + " (checksum " + target.sum()
                        + "); the copy was dropped and " + p.target() + " left as it was");
            }
            sum = target.sum();
        }
        List<Rename> renames = new ArrayList<>();
        promoted.path("renames").forEach(r -> renames.add(new Rename(r.get("kind").asText(), r.get("temporary").asText(), r.get("original").asText())));
        PromotedStacItem item = items.of(transfer, jobId, p);
        long started = System.nanoTime();
        transfer.swapIn(jobId, work, p.target(), renames, transfer.stagingCatalogRow(p.source()), item, rows, sum);
        if (item.reference() != null) result.put(STAC_ITEM, item.reference());
        timings.put("swap", (System.nanoTime() - started) / 1_000_000);
        if (verification != null) result.set("verification", verification);
        return result;
    }

    static ObjectNode checksum(Checksum checksum) {
        return Json.object().put("rows", checksum.rows()).put("checksum", checksum.sum());
    }

    static ObjectNode verification(JsonNode source, JsonNode target) {
        ObjectNode verification = Json.object();
        // compared by value: a count read back from stored JSON may be an int node, a fresh one a long node
        verification.put("verified", source.path("rows").asLong() == target.path("rows").asLong()
                && source.path("checksum").asText().equals(target.path("checksum").asText()) && source.has("checksum"));
        verification.set("source", source);
        verification.set("target", target);
        return verification;
    }
}
