package io.geoetl.raster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.function.UnaryOperator;

/**
 * What a tile's STAC item says beyond any raster item: its window in the source
 * ({@code geoetl:tile}: row, col, x_off, y_off, width, height), the raster it was cut from and
 * the grid ({@code geoetl:tiled_from}), and "related" links to its neighbours, the tiles it
 * overlaps (up to eight; all siblings would make every item grow with the raster).
 */
final class TileItems {
    private TileItems() {}

    /** {@code grid}: the cog task's grid; {@code itemUrl}: a tile item id to its URL in the STAC API. */
    static void describe(ObjectNode item, RasterTile tile, JsonNode grid, UnaryOperator<String> itemUrl) {
        ObjectNode properties = (ObjectNode) item.get("properties");
        properties.set("geoetl:tile", tile.toJson());
        properties.set("geoetl:tiled_from", grid.deepCopy());
        String rasterItemId = grid.get("item_id").asText();
        ArrayNode links = item.withArray("links");
        for (int row = tile.row() - 1; row <= tile.row() + 1; row++) {
            for (int col = tile.col() - 1; col <= tile.col() + 1; col++) {
                boolean inGrid = row >= 0 && col >= 0 && row < grid.get("rows").asInt() && col < grid.get("cols").asInt();
                if (!inGrid || (row == tile.row() && col == tile.col())) continue;
                String id = RasterTile.itemId(rasterItemId, row, col);
                links.addObject().put("rel", "related").put("href", itemUrl.apply(id)).put("type", "application/geo+json")
                        .put("title", "Neighbouring tile r" + row + " c" + col + " of " + rasterItemId + " (overlapping by "
                                + grid.get("overlap").asInt() + " pixels)");
            }
        }
    }
}
