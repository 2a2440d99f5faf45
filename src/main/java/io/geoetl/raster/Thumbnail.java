package io.geoetl.raster;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Vector;
import org.gdal.gdal.Dataset;
import org.gdal.gdal.TranslateOptions;
import org.gdal.gdal.gdal;
import org.gdal.gdalconst.gdalconstConstants;

/**
 * A PNG preview rendered by GDAL from a COG (read from its overviews): the colour bands for
 * imagery (alpha kept for rgba), band 1 for single-band rasters, bands 1-3 for multispectral;
 * values stretched to 8 bits from each band's range when they are not 8-bit already.
 */
final class Thumbnail {
    private Thumbnail() {}

    static void render(Path cog, Path png, RasterType type, int longestSide) {
        Dataset source = gdal.Open(cog.toString(), gdalconstConstants.GA_ReadOnly);
        if (source == null) throw new IllegalStateException("GDAL cannot open " + cog + ": " + gdal.GetLastErrorMsg());
        try {
            int width = source.GetRasterXSize();
            int height = source.GetRasterYSize();
            double scale = Math.min(1.0, (double) longestSide / Math.max(width, height));
            List<String> args = new ArrayList<>(List.of("-of", "PNG", "-r", "average",
                    "-outsize", String.valueOf(Math.max(1, Math.round(width * scale))), String.valueOf(Math.max(1, Math.round(height * scale)))));
            int bands = source.GetRasterCount();
            List<Integer> shown = bands >= 3 ? new ArrayList<>(List.of(1, 2, 3)) : new ArrayList<>(List.of(1));
            if (type == RasterType.RGBA && bands >= 4) shown.add(4);
            for (int band : shown) args.addAll(List.of("-b", String.valueOf(band)));
            if (!DataTypes.isByte(source.GetRasterBand(1).GetRasterDataType())) {
                args.addAll(List.of("-ot", "Byte", "-scale"));
            }
            Dataset thumbnail = gdal.Translate(png.toString(), source, new TranslateOptions(new Vector<>(args)));
            if (thumbnail == null) throw new IllegalStateException("GDAL could not render the thumbnail: " + gdal.GetLastErrorMsg());
            thumbnail.delete();
        } finally {
            source.delete();
        }
    }
}
