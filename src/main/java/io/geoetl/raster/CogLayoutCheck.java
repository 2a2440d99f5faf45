package io.geoetl.raster;

import io.geoetl.gdal.GdalRuntime;
import java.util.ArrayList;
import java.util.List;
import org.gdal.gdal.Band;
import org.gdal.gdal.Dataset;
import org.gdal.gdal.gdal;
import org.gdal.gdalconst.gdalconstConstants;

/**
 * Whether a GeoTIFF is a valid Cloud-Optimized GeoTIFF, checked the way GDAL's
 * validate_cloud_optimized_geotiff.py does it, from the offsets GDAL's GTiff driver reports in its
 * TIFF metadata domain: the file is tiled; it has overviews when it is larger than one block;
 * the IFDs of the full resolution and of each overview come first, in that order; then the
 * data, smallest overview first and the full resolution last. Reads headers only. Reusable by
 * any job type (catalog_rasters records whether a blob already is a COG); holds no state.
 */
public final class CogLayoutCheck {
    private CogLayoutCheck() {}

    /** The outcome: {@code errors} empty means valid; the block size and overview count as read. */
    public record Result(List<String> errors, List<String> warnings, int blockWidth, int blockHeight, int overviews,
                         String compression, String interleave) {
        public boolean valid() {
            return errors.isEmpty();
        }
    }

    /** Checks the GeoTIFF at {@code gdalPath} (local, /vsiaz/ …). A file GDAL cannot open as GeoTIFF is invalid, not an exception. */
    public static Result check(String gdalPath) {
        GdalRuntime.init();
        Dataset ds;
        try {
            ds = gdal.Open(gdalPath, gdalconstConstants.GA_ReadOnly);
        } catch (RuntimeException e) {
            ds = null;
        }
        if (ds == null) return new Result(List.of("GDAL cannot open it: " + gdal.GetLastErrorMsg()), List.of(), 0, 0, 0, null, null);
        try {
            return check(ds);
        } finally {
            ds.delete();
        }
    }

    private static Result check(Dataset ds) {
        List<String> errors = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        String compression = ds.GetMetadataItem("COMPRESSION", "IMAGE_STRUCTURE");
        String interleave = ds.GetMetadataItem("INTERLEAVE", "IMAGE_STRUCTURE");
        if (!"GTiff".equals(ds.GetDriver().getShortName())) {
            errors.add("not a GeoTIFF (driver " + ds.GetDriver().getShortName() + ")");
            return new Result(errors, warnings, 0, 0, 0, compression, interleave);
        }
        Band main = ds.GetRasterBand(1);
        int[] bw = new int[1];
        int[] bh = new int[1];
        main.GetBlockSize(bw, bh);
        int width = ds.GetRasterXSize();
        int height = ds.GetRasterYSize();
        boolean stripped = bw[0] == width && (bh[0] < height || bw[0] % 16 != 0);
        if (stripped) errors.add("the file is stripped (blocks of " + bw[0] + " x " + bh[0] + "), not tiled");
        int overviews = main.GetOverviewCount();
        if ((width > bw[0] || height > bh[0]) && overviews == 0) {
            errors.add("the file is larger than one block (" + width + " x " + height + ") but has no overviews");
        }
        checkOrder(main, overviews, errors);
        if (!"COG".equals(ds.GetMetadataItem("LAYOUT", "IMAGE_STRUCTURE"))) {
            warnings.add("no COG ghost header (LAYOUT=COG); readers cannot tell the layout from the header");
        }
        return new Result(errors, warnings, bw[0], bh[0], overviews, compression, interleave);
    }

    /** IFDs in order (full resolution, then overviews by decreasing size), then data from the smallest overview to the full resolution. */
    private static void checkOrder(Band main, int overviews, List<String> errors) {
        long[] ifd = new long[overviews + 1];
        long[] data = new long[overviews + 1];
        for (int level = 0; level <= overviews; level++) {
            Band band = level == 0 ? main : main.GetOverview(level - 1);
            ifd[level] = offset(band.GetMetadataItem("IFD_OFFSET", "TIFF"));
            data[level] = firstBlockOffset(band);
        }
        for (int level = 1; level <= overviews; level++) {
            if (ifd[level] < ifd[level - 1]) {
                errors.add("the IFD of overview " + level + " (offset " + ifd[level] + ") comes before the IFD of "
                        + (level == 1 ? "the full resolution" : "overview " + (level - 1)) + " (offset " + ifd[level - 1] + ")");
            }
        }
        long lastIfd = ifd[overviews];
        for (int level = 0; level <= overviews; level++) {
            if (data[level] > 0 && data[level] < lastIfd) {
                errors.add("the data of " + name(level) + " (offset " + data[level] + ") comes before the last IFD (offset " + lastIfd + ")");
            }
        }
        for (int level = 0; level < overviews; level++) {
            if (data[level] > 0 && data[level + 1] > 0 && data[level] < data[level + 1]) {
                errors.add("the data of " + name(level) + " (offset " + data[level] + ") comes before the data of " + name(level + 1)
                        + " (offset " + data[level + 1] + "); overviews must come before the full resolution, smallest first");
            }
        }
    }

    /** The offset of the first block that has data (sparse files leave some at 0). */
    private static long firstBlockOffset(Band band) {
        int[] bw = new int[1];
        int[] bh = new int[1];
        band.GetBlockSize(bw, bh);
        int across = (band.getXSize() + bw[0] - 1) / bw[0];
        int down = (band.getYSize() + bh[0] - 1) / bh[0];
        for (int y = 0; y < down; y++) {
            for (int x = 0; x < across; x++) {
                long offset = offset(band.GetMetadataItem("BLOCK_OFFSET_" + x + "_" + y, "TIFF"));
                if (offset > 0) return offset;
            }
        }
        return 0;
    }

    private static String name(int level) {
        return level == 0 ? "the full resolution" : "overview " + level;
    }

    private static long offset(String value) {
        return value == null || value.isEmpty() ? 0 : Long.parseLong(value);
    }
}
