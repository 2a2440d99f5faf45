package io.geoetl.http;

import io.geoetl.http.support.HttpReplies;
import io.geoetl.http.support.Queries;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.geoetl.jobs.Json;
import io.geoetl.ops.CleanupReport;
import io.geoetl.ops.JobCleanup;
import org.apache.camel.Exchange;

/** POST /api/jobs/{job_id}/cleanup?dry_run=true|false (dry run unless told otherwise). */
public final class JobCleanupApi {
    private final JobCleanup cleanup;

    public JobCleanupApi(JobCleanup cleanup) {
        this.cleanup = cleanup;
    }

    public void cleanup(Exchange exchange) {
        boolean dryRun = Queries.bool(exchange.getIn(), "dry_run", true);
        CleanupReport report = cleanup.cleanup(exchange.getIn().getHeader("job_id", String.class), dryRun, Callers.actor(exchange));
        ObjectNode body = Json.object();
        body.put("job_id", report.jobId());
        body.put("job_type", report.jobType());
        body.put("dry_run", report.dryRun());
        ArrayNode outputs = body.putArray("outputs");
        for (CleanupReport.Item item : report.items()) {
            ObjectNode node = outputs.addObject();
            node.put("kind", item.output().kind());
            node.put("location", item.output().location());
            node.put("exists", item.exists());
            node.setAll(item.details());
            node.put("deleted", item.deleted());
            if (item.refused() != null) node.put("refused", item.refused());
        }
        HttpReplies.json(exchange, 200, body);
    }
}
