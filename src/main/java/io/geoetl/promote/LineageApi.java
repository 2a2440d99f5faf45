package io.geoetl.promote;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.geoetl.http.support.ApiException;
import io.geoetl.http.support.HttpReplies;
import io.geoetl.jobs.Json;
import io.geoetl.store.Database;
import io.geoetl.store.LineageRepository;
import io.geoetl.store.LineageRepository.BlobArrival;
import io.geoetl.store.LineageRepository.CatalogOrigin;
import io.geoetl.store.LineageRepository.IngestJob;
import io.geoetl.store.Promotion;
import io.geoetl.store.TableName;
import java.util.List;
import org.apache.camel.Exchange;

/**
 * GET /api/lineage?table=schema.table: the chain that produced a table, newest link first:
 * promotions that wrote (or read) it → the staging table → the ingest job → the source blob with
 * its ETag and the time a blob-drop trigger saw it. The staging table is the newest promotion's
 * source when the table is a promotion target, else the table itself; the ingest job is the
 * version that promotion copied (or the catalog row's job).
 */
public final class LineageApi {
    private static final int MAX_PROMOTIONS = 100;
    private final Database db;

    LineageApi(Database db) {
        this.db = db;
    }

    public void lineage(Exchange exchange) {
        String table = PromotionApi.tableQuery(exchange.getIn(), "table");
        if (table == null) throw new ApiException(400, "invalid_query", "table is required: GET /api/lineage?table=schema.table");
        ObjectNode body = db.inTransaction(tx -> {
            LineageRepository lineage = tx.lineage();
            List<Promotion> promotions = tx.promotions().touching(table, MAX_PROMOTIONS);
            Promotion newestInto = promotions.stream().filter(p -> p.target().equals(table)).findFirst().orElse(null);
            TableName staging = TableName.parse(newestInto != null ? newestInto.source() : table);
            CatalogOrigin origin = lineage.catalogOrigin(staging);
            String ingestJobId = newestInto != null && newestInto.sourceVersion().matches("[0-9a-f]{64}") ? newestInto.sourceVersion()
                    : origin == null ? null : origin.jobId();
            IngestJob ingest = ingestJobId == null ? null : lineage.job(ingestJobId);
            BlobArrival arrival = ingestJobId == null ? null : lineage.arrivalOf(ingestJobId);
            if (promotions.isEmpty() && origin == null) return null;

            ObjectNode json = Json.object();
            json.put("table", table);
            ArrayNode links = json.putArray("promotions");
            promotions.forEach(p -> links.add(PromotionJson.of(p)));
            json.set("staging_table", stagingTable(staging, origin));
            json.set("ingest_job", ingest == null ? null : ingestJob(ingest));
            json.set("source_blob", sourceBlob(origin, arrival, ingestJobId));
            return json;
        });
        if (body == null) {
            throw new ApiException(404, "lineage_not_found", table + " has no catalog row and no promotion in this router's database");
        }
        HttpReplies.json(exchange, 200, body);
    }

    private static ObjectNode stagingTable(TableName staging, CatalogOrigin origin) {
        ObjectNode json = Json.object();
        json.put("table", staging.toString());
        json.put("catalogued", origin != null);
        if (origin != null) {
            json.put("feature_count", origin.featureCount());
            json.put("source_format", origin.sourceFormat());
            json.put("job_id", origin.jobId());
            json.put("updated_at", PromotionJson.text(origin.updatedAt()));
        }
        return json;
    }

    private static ObjectNode ingestJob(IngestJob job) {
        ObjectNode json = Json.object();
        json.put("job_id", job.jobId());
        json.put("job_type", job.jobType());
        json.put("status", job.status());
        json.put("created_at", PromotionJson.text(job.createdAt()));
        json.put("finished_at", PromotionJson.text(job.finishedAt()));
        json.put("job", "/api/jobs/" + job.jobId());
        return json;
    }

    /** The blob drop when a trigger saw it (with its arrival time), else the catalog's source and ETag (arrival unknown). */
    private static ObjectNode sourceBlob(CatalogOrigin origin, BlobArrival arrival, String ingestJobId) {
        ObjectNode json = Json.object();
        if (arrival != null) {
            json.put("container", arrival.container());
            json.put("blob_name", arrival.blobName());
            json.put("etag", arrival.etag());
            json.put("arrived_at", PromotionJson.text(arrival.arrivedAt()));
            json.put("trigger", arrival.trigger());
            return json;
        }
        if (origin == null || origin.source() == null || !origin.jobId().equals(ingestJobId)) return null;
        int slash = origin.source().indexOf('/');
        json.put("container", slash < 0 ? null : origin.source().substring(0, slash));
        json.put("blob_name", slash < 0 ? origin.source() : origin.source().substring(slash + 1));
        json.put("etag", origin.sourceEtag());
        json.putNull("arrived_at");
        json.put("trigger", "api");
        return json;
    }
}
