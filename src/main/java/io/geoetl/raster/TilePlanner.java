package io.geoetl.raster;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.geoetl.jobs.BadInputException;
import io.geoetl.jobs.Json;

/**
 * Part of the validate stage: decides from the inspected header (no pixel read) whether a raster
 * is tiled, and plans its tiles. The threshold is on the uncompressed pixels, not the file: the
 * COG stage's memory, scratch space and time follow the pixels, and a well-compressed file may
 * hold many times its size in pixels. A tiled raster keeps its CRS and must be north-up: warping
 * tile by tile would give each tile its own output grid and seams between them, so target_crs and
 * rotated rasters are refused with tiling.
 */
final class TilePlanner {
    /** Longest item id the STAC API addresses (io.geoetl.stac.StacIds). */
    private static final int MAX_ITEM_ID = 200;
    private final TileSettings settings;

    TilePlanner(TileSettings settings) {
        this.settings = settings;
    }

    /**
     * The tiling of the inspected raster ({@code inspection} of {@link RasterInspector}, whose
     * checks get a "tiling" entry), or null when it is written whole.
     */
    ObjectNode plan(ObjectNode inspection, RasterParameters p) {
        long raw = inspection.get("raw_bytes").asLong();
        ArrayNode checks = (ArrayNode) inspection.get("checks");
        if (raw <= settings.thresholdBytes()) {
            checks.addObject().put("check", "tiling").put("outcome", "info").put("detail", "not tiled: " + raw
                    + " bytes of pixels, at most " + settings.thresholdBytes() + " (geoetl.raster.tile-threshold-bytes)");
            return null;
        }
        String why = p.source() + " holds " + raw + " bytes of pixels, over geoetl.raster.tile-threshold-bytes ("
                + settings.thresholdBytes() + "), so it is cut into tiles";
        if (p.targetCrs() != null) {
            throw new BadInputException(why + "; tiles are not reprojected (each tile would get its own grid, with seams between "
                    + "them): submit without target_crs, or reproject the raster first (check tiling)");
        }
        if (inspection.get("rotated").asBoolean()) {
            throw new BadInputException(why + "; its geotransform is rotated and tiles are not warped: warp it to a north-up grid "
                    + "first (check tiling)");
        }
        int tiers = inspection.get("tiers").size();
        TileGrid grid = TileGrid.fitting(inspection.get("width").asInt(), inspection.get("height").asInt(), settings.tileSizePixels(),
                settings.overlapPixels(), Math.max(1, settings.maxCogTasks() / tiers));
        String lastId = RasterTile.itemId(p.itemId(), grid.rows() - 1, grid.cols() - 1);
        if (lastId.length() > MAX_ITEM_ID) {
            throw new BadInputException(why + "; the tiles' item ids (such as " + lastId + ") would be longer than " + MAX_ITEM_ID
                    + " characters: give a shorter item_id (check tiling)");
        }
        ObjectNode tiling = Json.object().put("tile_size", grid.tileSize()).put("overlap", grid.overlap()).put("rows", grid.rows())
                .put("cols", grid.cols()).put("threshold_bytes", settings.thresholdBytes());
        ArrayNode tiles = tiling.putArray("tiles");
        grid.tiles().forEach(tile -> tiles.add(tile.toJson()));
        String grown = grid.tileSize() == settings.tileSizePixels() ? "" : " (grown from " + settings.tileSizePixels()
                + " so that tiles x tiers stay within geoetl.raster.max-cog-tasks, " + settings.maxCogTasks() + ")";
        checks.addObject().put("check", "tiling").put("outcome", "info").put("detail", raw + " bytes of pixels, over "
                + settings.thresholdBytes() + ": " + grid.rows() + " x " + grid.cols() + " tiles of " + grid.tileSize() + " pixels"
                + grown + ", overlapping by " + grid.overlap());
        return tiling;
    }
}
