package io.geoetl.raster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.geoetl.jobs.Json;
import io.geoetl.stac.StacShapes;
import io.geoetl.storage.BlobFiles;
import io.geoetl.store.Database;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The catalog stage: the item built by {@link RasterItemBuilder} from what the cog stage wrote
 * (no GDAL reading here, so it runs on any router) and upserted through the STAC repository
 * into the job's collection, which is created on first use.
 */
final class CatalogStage {
    private final RasterSettings settings;
    private final Database db;
    private final BlobFiles blobs;
    private final RasterItemBuilder builder;

    CatalogStage(RasterSettings settings, Database db, BlobFiles blobs, RasterItemBuilder builder) {
        this.settings = settings;
        this.db = db;
        this.blobs = blobs;
        this.builder = builder;
    }

    /**
     * {@code written}: the cog tasks' results of one item, in tier order (for a tile, {@code p}
     * names the tile's item). Returns the item's result.
     */
    ObjectNode run(String jobId, RasterParameters p, JsonNode written) {
        List<RasterItemBuilder.Cog> cogs = new ArrayList<>();
        String thumbnail = null;
        for (JsonNode cog : written) {
            cogs.add(new RasterItemBuilder.Cog(cog.get("tier").asText(), cog.get("href").asText(), cog.get("size").asLong(),
                    cog.get("sha256").asText(), cog.get("facts")));
            if (cog.has("thumbnail_href")) thumbnail = cog.get("thumbnail_href").asText();
        }
        JsonNode first = written.get(0);
        JsonNode inspection = first.get("inspection");
        JsonNode source = first.get("source");
        ObjectNode item = builder.build(new RasterItemBuilder.Input(p.collectionId(), p.itemId(), jobId,
                RasterType.of(inspection.get("raster_type").asText()), inspection.get("sensor"), source.get("href").asText(),
                source.get("sha256").asText(), cogs, thumbnail, Instant.now()));
        if (first.has("tile")) TileItems.describe(item, RasterTile.of(first.get("tile")), first.get("grid"), id -> itemUrl(p.collectionId(), id));
        db.inTransaction(tx -> {
            if (!tx.stac().collectionExists(p.collectionId())) tx.stac().upsertCollection(p.collectionId(), Json.write(StacShapes.newCollection(p.collectionId(), "Rasters " + p.collectionId(),
                    "Cloud-Optimized GeoTIFFs geoetl's process_raster wrote to the silver container")));
            tx.stac().upsertItems(p.collectionId(), jobId, sink -> sink.item(p.itemId(), Json.write(item)));
            return null;
        });
        ObjectNode result = Json.object();
        result.put("collection", p.collectionId());
        result.put("item_id", p.itemId());
        result.put("item_url", itemUrl(p.collectionId(), p.itemId()));
        if (first.has("tile")) result.set("tile", first.get("tile"));
        result.put("raster_type", inspection.get("raster_type").asText());
        ArrayNode summary = result.putArray("cogs");
        for (JsonNode cog : written) {
            summary.addObject().put("tier", cog.get("tier").asText()).put("blob", cog.get("blob").asText())
                    .put("href", cog.get("href").asText()).put("size", cog.get("size").asLong()).put("sha256", cog.get("sha256").asText())
                    .put("compression", cog.get("compression").asText()).put("overviews", cog.get("overviews").asInt())
                    .put("write_seconds", cog.get("write_seconds").asDouble());
        }
        result.put("thumbnail_href", thumbnail);
        result.set("checks", inspection.get("checks"));
        result.set("warnings", inspection.get("warnings"));
        return result;
    }

    private String itemUrl(String collection, String itemId) {
        return settings.publicBaseUrl().replaceAll("/+$", "") + "/api/stac/collections/" + collection + "/items/" + itemId;
    }
}
