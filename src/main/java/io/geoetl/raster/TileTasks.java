package io.geoetl.raster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.geoetl.jobs.Json;
import io.geoetl.jobs.TaskSpec;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The stages of a tiled raster: its cog stage is one task per tile and tier (any router takes
 * any of them), its catalog stage one task per tile (that tile's item), and the job's result
 * lists every tile's item and COGs.
 */
final class TileTasks {
    private TileTasks() {}

    /** The cog tasks of the validate result {@code validated} when it planned tiles (TilePlanner), else null. */
    static List<TaskSpec> cogTasks(String taskType, JsonNode validated, String itemId) {
        JsonNode tiling = validated.get("tiling");
        if (tiling == null || tiling.isNull()) return null;
        JsonNode inspection = validated.get("inspection");
        ObjectNode grid = Json.object().put("item_id", itemId).put("width", inspection.get("width").asInt())
                .put("height", inspection.get("height").asInt()).put("rows", tiling.get("rows").asInt()).put("cols", tiling.get("cols").asInt())
                .put("tile_size", tiling.get("tile_size").asInt()).put("overlap", tiling.get("overlap").asInt());
        List<TaskSpec> tasks = new ArrayList<>();
        for (JsonNode tile : tiling.get("tiles")) {
            boolean first = true;
            for (JsonNode tier : inspection.get("tiers")) {
                ObjectNode task = Json.object().put("tier", tier.asText()).put("thumbnail", first);
                task.set("tile", tile);
                task.set("grid", grid);
                task.set("source", validated.get("source"));
                task.set("inspection", inspection);
                tasks.add(new TaskSpec(taskType, task));
                first = false;
            }
        }
        return tasks;
    }

    /** One catalog task per tile, holding that tile's cog results; null when the COGs are not tiles. */
    static List<TaskSpec> catalogTasks(String taskType, List<JsonNode> cogResults) {
        if (cogResults.isEmpty() || !cogResults.get(0).has("tile")) return null;
        Map<String, ArrayNode> byTile = new LinkedHashMap<>();
        for (JsonNode cog : cogResults) {
            String key = cog.get("tile").get("row").asInt() + "/" + cog.get("tile").get("col").asInt();
            byTile.computeIfAbsent(key, k -> Json.array()).add(cog);
        }
        List<TaskSpec> tasks = new ArrayList<>();
        byTile.values().forEach(cogs -> {
            ObjectNode task = Json.object();
            task.set("cogs", cogs);
            tasks.add(new TaskSpec(taskType, task));
        });
        return tasks;
    }

    /** The item a catalog task writes: the tile's when its COGs are a tile's. */
    static RasterParameters itemOf(RasterParameters p, JsonNode cogs) {
        JsonNode tile = cogs.get(0).get("tile");
        return tile == null ? p : p.withItemId(RasterTile.of(tile).itemId(p.itemId()));
    }

    /**
     * The job's result from the catalog tasks' results (one per tile): the raster's item id, every
     * tile's item with its window, and every COG; checks and warnings of the validate stage once.
     */
    static ObjectNode result(String itemId, List<JsonNode> items) {
        JsonNode first = items.get(0);
        ObjectNode result = Json.object();
        result.put("collection", first.get("collection").asText());
        result.put("item_id", itemId);
        result.put("raster_type", first.get("raster_type").asText());
        result.put("tiles", items.size());
        ArrayNode tiles = result.putArray("items");
        ArrayNode cogs = result.putArray("cogs");
        for (JsonNode item : items) {
            ObjectNode tile = tiles.addObject().put("item_id", item.get("item_id").asText()).put("item_url", item.get("item_url").asText());
            tile.set("tile", item.get("tile"));
            tile.set("thumbnail_href", item.get("thumbnail_href"));
            for (JsonNode cog : item.get("cogs")) cogs.add(((ObjectNode) cog.deepCopy()).put("item_id", item.get("item_id").asText()));
        }
        result.set("checks", first.get("checks"));
        result.set("warnings", first.get("warnings"));
        return result;
    }
}
