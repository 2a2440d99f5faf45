package io.geoetl.raster;

import java.util.ArrayList;
import java.util.List;

/**
 * How a large raster is cut (docs/rasters.md, "Tiling"): windows of {@code tileSize} pixels (a
 * multiple of 512, so COG blocks line up inside each tile) placed every {@code tileSize - overlap}
 * pixels, so neighbours share exactly {@code overlap} pixels. The last row and column are clipped
 * to the raster and still wider than the overlap, so no tile lies inside its neighbour and the
 * union of the windows is the raster, without gap. Pure arithmetic: no pixel is read.
 */
record TileGrid(int rasterWidth, int rasterHeight, int tileSize, int overlap, int rows, int cols) {
    static final int BLOCK = 512;

    TileGrid {
        requireTileShape(tileSize, overlap);
        if (rasterWidth <= 0 || rasterHeight <= 0) throw new IllegalArgumentException("a raster has at least one pixel on each side");
    }

    /** The grid over a {@code width} x {@code height} raster. */
    static TileGrid of(int width, int height, int tileSize, int overlap) {
        requireTileShape(tileSize, overlap);
        return new TileGrid(width, height, tileSize, overlap, count(height, tileSize, overlap), count(width, tileSize, overlap));
    }

    /**
     * The grid of the smallest tile size, from {@code tileSize} up in steps of 512 pixels, that
     * gives at most {@code maxTiles} tiles (a job's stage holds a bounded number of tasks).
     */
    static TileGrid fitting(int width, int height, int tileSize, int overlap, int maxTiles) {
        if (maxTiles < 1) throw new IllegalArgumentException("at least one tile must be allowed, got " + maxTiles);
        TileGrid grid = of(width, height, tileSize, overlap);
        while (grid.size() > maxTiles) grid = of(width, height, grid.tileSize() + BLOCK, overlap);
        return grid;
    }

    static void requireTileShape(int tileSize, int overlap) {
        if (tileSize < BLOCK || tileSize % BLOCK != 0) {
            throw new IllegalArgumentException("the tile size must be a positive multiple of " + BLOCK + " pixels, got " + tileSize);
        }
        if (overlap < 0 || overlap > tileSize / 2) {
            throw new IllegalArgumentException("the tile overlap must be 0.." + tileSize / 2 + " pixels (half a tile), got " + overlap);
        }
    }

    int size() {
        return rows * cols;
    }

    /** Every tile, row by row from the top left. */
    List<RasterTile> tiles() {
        List<RasterTile> tiles = new ArrayList<>(size());
        int stride = tileSize - overlap;
        for (int row = 0; row < rows; row++) {
            int y = row * stride;
            for (int col = 0; col < cols; col++) {
                int x = col * stride;
                tiles.add(new RasterTile(row, col, x, y, Math.min(tileSize, rasterWidth - x), Math.min(tileSize, rasterHeight - y)));
            }
        }
        return tiles;
    }

    /** Tiles along one side: enough that the last window reaches the edge; 1 when the side fits in one tile. */
    private static int count(int side, int tileSize, int overlap) {
        int stride = tileSize - overlap;
        return side <= tileSize ? 1 : (side - overlap + stride - 1) / stride;
    }
}
