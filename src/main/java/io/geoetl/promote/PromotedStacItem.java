package io.geoetl.promote;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.geoetl.jobs.Json;
import io.geoetl.stac.StacShapes;
import io.geoetl.store.PromotedItem;
import io.geoetl.store.TableName;
import io.geoetl.store.TableTransfer.StagedItem;

/**
 * The staging table's STAC item as production gets it: id, geoetl:table and the Features hrefs
 * name the target table on the production router, table:row_count is the target's, and the
 * promotion is recorded beside the ingest's provenance (geoetl:job_id stays the ingest job):
 * geoetl:promoted_from and geoetl:promotion_job_id. The datetime is the staging item's, so
 * promoting the same source again writes the same item. An append widens the bbox of the item
 * already in production. Without a staging item, replace removes the target's item and append
 * leaves it as it is.
 */
final class PromotedStacItem implements PromotedItem {
    static final String PROMOTED_FROM = "geoetl:promoted_from";
    static final String PROMOTION_JOB_ID = "geoetl:promotion_job_id";
    private static final String FEATURES_PATH = "/api/features/collections/";
    private final String collection;
    private final StagedItem staged;
    private final String jobId;
    private final PromoteParameters p;
    private final String productionBaseUrl;

    PromotedStacItem(String collection, StagedItem staged, String jobId, PromoteParameters p, String productionBaseUrl) {
        this.collection = collection;
        this.staged = staged;
        this.jobId = jobId;
        this.p = p;
        this.productionBaseUrl = productionBaseUrl;
    }

    /** ingest_vector's item id of a table (VectorStacItem.itemId). */
    static String itemIdOf(TableName table) {
        return table.toString();
    }

    /** "collection/item" when the source has an item that goes along, else null (for the audit row). */
    String reference() {
        return staged == null ? null : collection + "/" + itemId();
    }

    @Override
    public String collection() {
        return collection;
    }

    @Override
    public String collectionJson() {
        return staged == null ? null : staged.collectionJson();
    }

    @Override
    public String itemId() {
        return itemIdOf(p.target());
    }

    @Override
    public String document(long targetRows, String existingJson) {
        if (staged == null) return p.replace() ? null : existingJson;
        ObjectNode item = (ObjectNode) Json.parse(staged.itemJson());
        item.put("id", itemId());
        item.put("collection", collection);
        ObjectNode properties = (ObjectNode) item.get("properties");
        properties.put("geoetl:table", p.target().toString());
        properties.put("table:row_count", targetRows);
        properties.put(PROMOTED_FROM, p.source().toString());
        properties.put(PROMOTION_JOB_ID, jobId);
        item.path("assets").forEach(this::pointAtTarget);
        item.path("links").forEach(this::pointAtTarget);
        if (!p.replace() && existingJson != null) widen(item, Json.parse(existingJson).path("bbox"));
        return Json.write(item);
    }

    /** An href into the source's Features collection now names the target's, on the production router. */
    private void pointAtTarget(JsonNode link) {
        String href = link.path("href").asText("");
        int at = href.indexOf(FEATURES_PATH);
        if (at < 0) return;
        String rest = href.substring(at + FEATURES_PATH.length());
        int slash = rest.indexOf('/');
        String tail = slash < 0 ? "" : rest.substring(slash);
        ((ObjectNode) link).put("href", productionBaseUrl + FEATURES_PATH + featuresCollectionId(p.target()) + tail);
    }

    /** The Features API names a table of schema geo by its table alone, others as schema.table (features.CollectionIds). */
    static String featuresCollectionId(TableName table) {
        return table.schema().equals("geo") ? table.table() : table.toString();
    }

    private static void widen(ObjectNode item, JsonNode existing) {
        JsonNode mine = item.path("bbox");
        if (existing.size() != 4 || mine.size() != 4) return;
        double[] b = {Math.min(mine.get(0).asDouble(), existing.get(0).asDouble()), Math.min(mine.get(1).asDouble(), existing.get(1).asDouble()),
                Math.max(mine.get(2).asDouble(), existing.get(2).asDouble()), Math.max(mine.get(3).asDouble(), existing.get(3).asDouble())};
        ArrayNode box = item.putArray("bbox");
        for (double v : b) box.add(v);
        item.set("geometry", StacShapes.outline(b));
    }
}
