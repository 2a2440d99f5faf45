package io.geoetl.raster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The tile arithmetic: windows of multiples of 512 pixels, overlapping as configured, covering the raster exactly. */
class TileGridTest {

    @Test
    void aRasterOf3000By2000InTilesOf1024WithOverlap32GivesTwoRowsOfThreeClippedAtTheEdges() {
        TileGrid grid = TileGrid.of(3000, 2000, 1024, 32);
        assertThat(grid.rows()).isEqualTo(2);
        assertThat(grid.cols()).isEqualTo(3);
        assertThat(grid.tiles()).containsExactly(
                new RasterTile(0, 0, 0, 0, 1024, 1024), new RasterTile(0, 1, 992, 0, 1024, 1024), new RasterTile(0, 2, 1984, 0, 1016, 1024),
                new RasterTile(1, 0, 0, 992, 1024, 1008), new RasterTile(1, 1, 992, 992, 1024, 1008),
                new RasterTile(1, 2, 1984, 992, 1016, 1008));
        assertCoversExactly(grid);
    }

    @Test
    void aRasterSmallerThanOneTileIsOneTileOfItsOwnSize() {
        TileGrid grid = TileGrid.of(700, 300, 1024, 32);
        assertThat(grid.tiles()).containsExactly(new RasterTile(0, 0, 0, 0, 700, 300));
        assertThat(TileGrid.of(1024, 1024, 1024, 32).tiles()).containsExactly(new RasterTile(0, 0, 0, 0, 1024, 1024));
        assertThat(TileGrid.of(10, 10, 512, 256).tiles()).containsExactly(new RasterTile(0, 0, 0, 0, 10, 10));
    }

    @Test
    void sidesThatAreExactMultiplesOfTheStrideNeedNoSliverTile() {
        // stride 992: 992 * 2 + 32 = 2016 pixels are exactly two tiles, one more pixel needs a third
        assertThat(TileGrid.of(2016, 600, 1024, 32).cols()).isEqualTo(2);
        assertThat(TileGrid.of(2016, 600, 1024, 32).tiles().get(1)).isEqualTo(new RasterTile(0, 1, 992, 0, 1024, 600));
        TileGrid oneMore = TileGrid.of(2017, 600, 1024, 32);
        assertThat(oneMore.cols()).isEqualTo(3);
        assertThat(oneMore.tiles().get(2)).isEqualTo(new RasterTile(0, 2, 1984, 0, 33, 600));
        assertCoversExactly(oneMore);
        // without overlap, exact multiples of the tile size
        TileGrid exact = TileGrid.of(4096, 2048, 1024, 0);
        assertThat(exact.cols()).isEqualTo(4);
        assertThat(exact.rows()).isEqualTo(2);
        assertThat(exact.tiles()).allSatisfy(tile -> assertThat(tile.width()).isEqualTo(1024));
        assertCoversExactly(exact);
    }

    @Test
    void everyWindowEverywhereCoversTheRasterExactlyWithTheConfiguredOverlap() {
        for (int width : List.of(1, 511, 512, 513, 1023, 1024, 1025, 3000, 5000)) {
            for (int height : List.of(1, 600, 2048, 2049)) {
                for (int overlap : List.of(0, 1, 32, 256)) assertCoversExactly(TileGrid.of(width, height, 512, overlap));
                assertCoversExactly(TileGrid.of(width, height, 1536, 100));
            }
        }
    }

    @Test
    void theTileSizeGrowsInStepsOf512UntilTheTilesFitTheTaskCap() {
        TileGrid grid = TileGrid.fitting(20000, 20000, 1024, 32, 16);
        assertThat(grid.size()).isLessThanOrEqualTo(16);
        assertThat(grid.tileSize() % 512).isZero();
        assertThat(TileGrid.fitting(20000, 20000, grid.tileSize() - 512, 32, Integer.MAX_VALUE).size()).isGreaterThan(16);
        assertCoversExactly(grid);
        assertThat(TileGrid.fitting(20000, 20000, 1024, 32, 1).tiles()).containsExactly(new RasterTile(0, 0, 0, 0, 20000, 20000));
    }

    @Test
    void tileSizesThatAreNoMultipleOf512AndOverlapsOverHalfATileAreRefused() {
        assertThatThrownBy(() -> TileGrid.of(3000, 2000, 1000, 32)).hasMessageContaining("multiple of 512");
        assertThatThrownBy(() -> TileGrid.of(3000, 2000, 0, 0)).hasMessageContaining("multiple of 512");
        assertThatThrownBy(() -> TileGrid.of(3000, 2000, 1024, 513)).hasMessageContaining("0..512");
        assertThatThrownBy(() -> TileGrid.of(3000, 2000, 1024, -1)).hasMessageContaining("0..512");
        assertThatThrownBy(() -> new TileSettings(1, 1000, 0, 10)).hasMessageContaining("geoetl.raster.tile-size-pixels");
    }

    /**
     * Every pixel in at least one window, no window outside the raster, each window a multiple of
     * 512 unless clipped at the right or bottom edge, and neighbours sharing exactly the overlap.
     */
    private static void assertCoversExactly(TileGrid grid) {
        int w = grid.rasterWidth();
        int h = grid.rasterHeight();
        int[] columnsCovered = new int[w];
        int[] rowsCovered = new int[h];
        for (RasterTile tile : grid.tiles()) {
            assertThat(tile.xOff()).isNotNegative();
            assertThat(tile.yOff()).isNotNegative();
            assertThat(tile.xOff() + tile.width()).isLessThanOrEqualTo(w);
            assertThat(tile.yOff() + tile.height()).isLessThanOrEqualTo(h);
            if (tile.xOff() + tile.width() < w) assertThat(tile.width() % 512).as("%s", tile).isZero();
            if (tile.yOff() + tile.height() < h) assertThat(tile.height() % 512).as("%s", tile).isZero();
            if (tile.row() == 0) for (int x = tile.xOff(); x < tile.xOff() + tile.width(); x++) columnsCovered[x]++;
            if (tile.col() == 0) for (int y = tile.yOff(); y < tile.yOff() + tile.height(); y++) rowsCovered[y]++;
        }
        for (int x = 0; x < w; x++) assertThat(columnsCovered[x]).as("column %d of %s", x, grid).isPositive();
        for (int y = 0; y < h; y++) assertThat(rowsCovered[y]).as("row %d of %s", y, grid).isPositive();
        List<RasterTile> tiles = grid.tiles();
        for (RasterTile tile : tiles) {
            if (tile.col() + 1 < grid.cols()) {
                RasterTile right = tiles.get(tile.row() * grid.cols() + tile.col() + 1);
                assertThat(tile.xOff() + tile.width() - right.xOff()).as("overlap of %s and %s", tile, right).isEqualTo(grid.overlap());
                assertThat(right.width()).as("%s lies inside its neighbour", right).isGreaterThan(grid.overlap());
            }
            if (tile.row() + 1 < grid.rows()) {
                RasterTile below = tiles.get((tile.row() + 1) * grid.cols() + tile.col());
                assertThat(tile.yOff() + tile.height() - below.yOff()).as("overlap of %s and %s", tile, below).isEqualTo(grid.overlap());
                assertThat(below.height()).isGreaterThan(grid.overlap());
            }
        }
    }
}
