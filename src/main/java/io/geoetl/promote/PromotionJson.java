package io.geoetl.promote;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.geoetl.jobs.Json;
import io.geoetl.store.Promotion;
import java.time.OffsetDateTime;

/** The JSON of an audit row, as the promotions and lineage endpoints show it. */
final class PromotionJson {
    private PromotionJson() {}

    static ObjectNode of(Promotion p) {
        ObjectNode json = Json.object();
        json.put("job_id", p.jobId());
        json.put("status", p.status());
        json.put("source", p.source());
        json.put("source_version", p.sourceVersion());
        json.put("target", p.target());
        json.put("mode", p.mode());
        json.put("backend", p.backend());
        json.put("adf_run_id", p.adfRunId());
        json.put("rows_read", p.rowsRead());
        json.put("rows_written", p.rowsWritten());
        json.set("verification", p.verification());
        json.put("stac_item", p.stacItem());
        json.put("error", p.error());
        json.put("requested_by", p.requestedBy());
        json.put("started_at", text(p.startedAt()));
        json.put("finished_at", text(p.finishedAt()));
        json.put("job", "/api/jobs/" + p.jobId());
        return json;
    }

    static String text(OffsetDateTime time) {
        return time == null ? null : time.toString();
    }
}
