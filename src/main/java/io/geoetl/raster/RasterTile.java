package io.geoetl.raster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.geoetl.jobs.Json;

/**
 * One tile of a large raster: its place in the grid (row, col, counted from the top left) and its
 * pixel window in the source (offsets, width, height), as GDAL's -srcwin takes it.
 */
record RasterTile(int row, int col, int xOff, int yOff, int width, int height) {

    /** The tile's STAC item id: the raster's item id + _r{row}_c{col}. */
    String itemId(String rasterItemId) {
        return itemId(rasterItemId, row, col);
    }

    static String itemId(String rasterItemId, int row, int col) {
        return rasterItemId + "_r" + row + "_c" + col;
    }

    ObjectNode toJson() {
        return Json.object().put("row", row).put("col", col).put("x_off", xOff).put("y_off", yOff).put("width", width).put("height", height);
    }

    static RasterTile of(JsonNode tile) {
        return new RasterTile(tile.get("row").asInt(), tile.get("col").asInt(), tile.get("x_off").asInt(), tile.get("y_off").asInt(),
                tile.get("width").asInt(), tile.get("height").asInt());
    }
}
