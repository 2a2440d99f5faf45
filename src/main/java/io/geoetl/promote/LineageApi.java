package io.geoetl.promote;

import com.fasterxml.jackson.databind.JsonNode;
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
import io.geoetl.store.Tx;
import java.util.List;
import org.apache.camel.Exchange;
import org.apache.camel.Message;

/**
 * GET /api/lineage?table=schema.table, or ?stac=collection/item: the chain that produced a table,
 * newest link first: promotions that wrote (or read) it → the staging table → the ingest job → the
 * source blob with its ETag and the time a blob-drop trigger saw it. The staging table is the
 * newest promotion's source when the table is a promotion target, else the table itself; the
 * ingest job is the version that promotion copied (or the catalog row's job). An item leads to its
 * table through its processing provenance: geoetl:table and geoetl:job_id of an item in this
 * router's catalogue, or the target of the promotion that published it in production.
 */
public final class LineageApi {
    private static final int MAX_PROMOTIONS = 100;
    private final Database db;

    LineageApi(Database db) {
        this.db = db;
    }

    public void lineage(Exchange exchange) {
        Message in = exchange.getIn();
        String table = PromotionApi.tableQuery(in, "table");
        String stac = in.getHeader("stac", String.class);
        boolean byItem = stac != null && !stac.isBlank();
        if ((table == null) == !byItem) {
            throw new ApiException(400, "invalid_query", "give one of table or stac: GET /api/lineage?table=schema.table or ?stac=collection/item");
        }
        ObjectNode body;
        if (byItem) {
            StacItemReference item = StacItemReference.parse(stac);
            body = db.inTransaction(tx -> itemChain(tx, item));
            if (body == null) {
                throw new ApiException(404, "lineage_not_found", "STAC item " + item + " is neither in this router's catalogue nor published "
                        + "by one of its promotions");
            }
        } else {
            body = db.inTransaction(tx -> chain(tx, table, null));
            if (body == null) {
                throw new ApiException(404, "lineage_not_found", table + " has no catalog row and no promotion in this router's database");
            }
        }
        HttpReplies.json(exchange, 200, body);
    }

    /** The chain of the item's table; null when the item is unknown here. */
    private static ObjectNode itemChain(Tx tx, StacItemReference item) {
        String content = tx.stac().item(item.collection(), item.item()).orElse(null);
        String table;
        String jobId = null;
        if (content != null) {
            JsonNode properties = Json.parse(content).path("properties");
            TableName named = TableName.parseOrNull(properties.path("geoetl:table").textValue());
            table = named == null ? null : named.toString();
            jobId = properties.path("geoetl:job_id").textValue();
        } else {
            List<Promotion> publishing = tx.promotions().publishing(item.toString(), 1);
            if (publishing.isEmpty()) return null;
            table = publishing.get(0).target();
        }
        ObjectNode chain = table == null ? jobChain(tx, jobId) : chain(tx, table, jobId);
        if (chain == null) chain = jobChain(tx, jobId);
        ObjectNode body = Json.object();
        body.put("stac_item", item.toString());
        body.setAll(chain);
        return body;
    }

    /**
     * The chain of {@code table}; {@code itemJobId} is the job an item names as its producer, used when
     * no promotion says which version was copied. Null when nothing is known of the table.
     */
    private static ObjectNode chain(Tx tx, String table, String itemJobId) {
        LineageRepository lineage = tx.lineage();
        List<Promotion> promotions = tx.promotions().touching(table, MAX_PROMOTIONS);
        Promotion newestInto = promotions.stream().filter(p -> p.target().equals(table)).findFirst().orElse(null);
        TableName staging = TableName.parse(newestInto != null ? newestInto.source() : table);
        CatalogOrigin origin = lineage.catalogOrigin(staging);
        String ingestJobId = newestInto != null && newestInto.sourceVersion().matches("[0-9a-f]{64}") ? newestInto.sourceVersion()
                : itemJobId != null ? itemJobId : origin == null ? null : origin.jobId();
        if (promotions.isEmpty() && origin == null && itemJobId == null) return null;
        IngestJob ingest = ingestJobId == null ? null : lineage.job(ingestJobId);
        BlobArrival arrival = ingestJobId == null ? null : lineage.arrivalOf(ingestJobId);

        ObjectNode json = Json.object();
        json.put("table", table);
        ArrayNode links = json.putArray("promotions");
        promotions.forEach(p -> links.add(PromotionJson.of(p)));
        json.set("staging_table", stagingTable(staging, origin));
        json.set("ingest_job", ingest == null ? null : ingestJob(ingest));
        json.set("source_blob", sourceBlob(origin, arrival, ingestJobId));
        return json;
    }

    /** An item that names no table: only its producing job and that job's blob. */
    private static ObjectNode jobChain(Tx tx, String jobId) {
        LineageRepository lineage = tx.lineage();
        IngestJob ingest = jobId == null ? null : lineage.job(jobId);
        BlobArrival arrival = jobId == null ? null : lineage.arrivalOf(jobId);
        ObjectNode json = Json.object();
        json.putNull("table");
        json.putArray("promotions");
        json.putNull("staging_table");
        json.set("ingest_job", ingest == null ? null : ingestJob(ingest));
        json.set("source_blob", sourceBlob(null, arrival, jobId));
        return json;
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
