package io.geoetl.raster;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.gdal.gdal.Dataset;
import org.gdal.gdal.gdal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The COG layout check accepts what GDAL's COG driver writes and refuses stripped files and files whose overviews follow the data. */
class CogLayoutCheckTest {
    @TempDir
    Path dir;

    @Test
    void aCogWrittenByTheCogDriverIsValid() {
        Path source = GeneratedRasters.byteTiff(dir.resolve("source.tif"), 1500, 1100, 3, true, List.of());
        Path cog = RasterTestSupport.translate(source, dir.resolve("cog.tif"), "-of", "COG", "-co", "BLOCKSIZE=512", "-co", "COMPRESS=DEFLATE");
        CogLayoutCheck.Result result = CogLayoutCheck.check(cog.toString());
        assertThat(result.errors()).isEmpty();
        assertThat(result.valid()).isTrue();
        assertThat(result.blockWidth()).isEqualTo(512);
        assertThat(result.overviews()).isEqualTo(2);
        assertThat(result.compression()).isEqualTo("DEFLATE");
    }

    @Test
    void aStrippedTiffIsRefused() {
        Path stripped = GeneratedRasters.byteTiff(dir.resolve("stripped.tif"), 1500, 1100, 1, true, List.of());
        CogLayoutCheck.Result result = CogLayoutCheck.check(stripped.toString());
        assertThat(result.valid()).isFalse();
        assertThat(result.errors()).anySatisfy(error -> assertThat(error).contains("stripped"));
    }

    @Test
    void aTiledTiffWithOverviewsAddedAfterItsDataIsRefused() {
        Path tiled = GeneratedRasters.byteTiff(dir.resolve("late-overviews.tif"), 1500, 1100, 1, true,
                List.of("TILED=YES", "BLOCKXSIZE=512", "BLOCKYSIZE=512"));
        Dataset ds = gdal.Open(tiled.toString(), 1);
        ds.BuildOverviews("AVERAGE", new int[] {2, 4});
        ds.delete();
        CogLayoutCheck.Result result = CogLayoutCheck.check(tiled.toString());
        assertThat(result.overviews()).isEqualTo(2);
        assertThat(result.valid()).isFalse();
        assertThat(result.errors()).anySatisfy(error -> assertThat(error).contains("overviews must come before the full resolution"));
    }

    @Test
    void aTiledTiffLargerThanOneBlockWithoutOverviewsIsRefused() {
        Path tiled = GeneratedRasters.byteTiff(dir.resolve("no-overviews.tif"), 1500, 1100, 1, true,
                List.of("TILED=YES", "BLOCKXSIZE=512", "BLOCKYSIZE=512"));
        assertThat(CogLayoutCheck.check(tiled.toString()).errors()).anySatisfy(error -> assertThat(error).contains("no overviews"));
    }

    @Test
    void aFileGdalCannotOpenIsInvalidNotAnError() {
        assertThat(CogLayoutCheck.check(dir.resolve("missing.tif").toString()).valid()).isFalse();
    }
}
