package io.geoetl.raster.catalog;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.geoetl.jobs.BadInputException;
import io.geoetl.jobs.Json;
import io.geoetl.storage.BlobFiles;
import io.geoetl.storage.BlobListing;
import io.geoetl.store.Database;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One catalog task: reads each raster of its batch in place, then upserts all their items in one
 * set-based write through the STAC repository (creating the collection on first use). A raster
 * that cannot be read does not stop the others: after the readable ones are written, the task
 * fails as bad input naming every unreadable raster, so the job ends completed_with_errors.
 */
final class CatalogTask {
    /** How many unreadable rasters the task's error message names one by one. */
    private static final int NAMED_PROBLEMS = 50;
    private final Database db;
    private final BlobFiles blobs;
    private final InPlaceItem items;

    CatalogTask(Database db, BlobFiles blobs, InPlaceItem items) {
        this.db = db;
        this.blobs = blobs;
        this.items = items;
    }

    ObjectNode run(String jobId, CatalogParameters p, JsonNode batch) {
        Map<String, ObjectNode> written = new LinkedHashMap<>();
        List<String> problems = new ArrayList<>();
        for (JsonNode b : batch) {
            BlobListing.Entry blob = new BlobListing.Entry(b.get("name").asText(), b.get("etag").asText(), b.get("size").asLong(),
                    Instant.parse(b.get("last_modified").asText()));
            try {
                InPlaceRaster.Facts facts = InPlaceRaster.read(p.container(), blob);
                ObjectNode item = items.build(p.collectionId(), blobs.url(p.container(), blob.name()), facts);
                written.put(item.get("id").asText(), item);
            } catch (InPlaceRaster.Unreadable e) {
                problems.add(p.container() + "/" + blob.name() + ": " + (stillThere(p.container(), blob) ? e.getMessage()
                        : "it was deleted after the listing"));
            }
        }
        List<String> refused = upsert(jobId, p, written);
        refused.forEach(written::remove);
        problems.addAll(refused.stream().map(id -> "item " + p.collectionId() + "/" + id + " already exists for another asset; "
                + "pass overwrite=true to replace it").toList());
        ObjectNode result = Json.object();
        result.put("catalogued", written.size());
        result.put("valid_cogs", written.values().stream().filter(i -> i.get("properties").get("geoetl:cog_valid").asBoolean()).count());
        if (!problems.isEmpty()) throw new BadInputException(message(problems, batch.size()));
        return result;
    }

    /** Upserts the items, except those whose id another asset holds (unless overwrite); returns the ids refused. */
    private List<String> upsert(String jobId, CatalogParameters p, Map<String, ObjectNode> written) {
        return db.inTransaction(tx -> {
            if (!tx.stac().collectionExists(p.collectionId())) {
                tx.stac().upsertCollection(p.collectionId(), Json.write(CatalogCollection.of(p.collectionId())));
            }
            List<String> refused = new ArrayList<>();
            if (!p.overwrite()) {
                for (var entry : written.entrySet()) {
                    String href = entry.getValue().get("assets").get(InPlaceItem.ASSET).get("href").asText();
                    tx.stac().item(p.collectionId(), entry.getKey()).map(Json::parse)
                            .filter(existing -> !href.equals(existing.path("assets").path(InPlaceItem.ASSET).path("href").asText()))
                            .ifPresent(existing -> refused.add(entry.getKey()));
                }
            }
            if (written.size() > refused.size()) {
                tx.stac().upsertItems(p.collectionId(), jobId, sink -> written.forEach((id, item) -> {
                    if (!refused.contains(id)) sink.item(id, Json.write(item));
                }));
            }
            return refused;
        });
    }

    /**
     * Whether the unreadable blob still exists. Asked through the SDK, so storage that cannot be
     * reached throws here and the task is retried instead of blaming the file.
     */
    private boolean stillThere(String container, BlobListing.Entry blob) {
        return blobs.describe(container, blob.name()).isPresent();
    }

    private static String message(List<String> problems, int batchSize) {
        StringBuilder message = new StringBuilder(problems.size() + " of " + batchSize
                + " raster(s) of this task could not be catalogued (the others were): ");
        message.append(String.join("; ", problems.subList(0, Math.min(problems.size(), NAMED_PROBLEMS))));
        if (problems.size() > NAMED_PROBLEMS) message.append("; and ").append(problems.size() - NAMED_PROBLEMS).append(" more");
        return message.toString();
    }
}
