package io.geoetl.raster;

/**
 * Settings of tiling large rasters (geoetl.raster.tile-* in config/application.properties).
 *
 * @param thresholdBytes uncompressed pixel bytes (width x height x bytes of every band) above which a raster is tiled
 * @param tileSizePixels side of a tile, a multiple of 512 (grown in steps of 512 when the tiles would exceed {@code maxCogTasks})
 * @param overlapPixels  pixels neighbouring tiles share, 0 to half a tile
 * @param maxCogTasks    most tasks of one job's cog stage (tiles x tiers)
 */
record TileSettings(long thresholdBytes, int tileSizePixels, int overlapPixels, int maxCogTasks) {
    TileSettings {
        if (thresholdBytes < 1) throw new IllegalArgumentException("geoetl.raster.tile-threshold-bytes must be positive, got " + thresholdBytes);
        try {
            TileGrid.requireTileShape(tileSizePixels, overlapPixels);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("geoetl.raster.tile-size-pixels / tile-overlap-pixels: " + e.getMessage(), e);
        }
        if (maxCogTasks < 1) throw new IllegalArgumentException("geoetl.raster.max-cog-tasks must be at least 1, got " + maxCogTasks);
    }
}
