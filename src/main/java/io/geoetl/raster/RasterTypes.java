package io.geoetl.raster;

import org.gdal.gdal.Band;
import org.gdal.gdal.Dataset;
import org.gdal.gdalconst.gdalconstConstants;

/** raster_type auto: decided from the band count, data types and colour interpretation. */
public final class RasterTypes {
    private RasterTypes() {}

    public static RasterType detect(Dataset ds) {
        int count = ds.GetRasterCount();
        Band first = ds.GetRasterBand(1);
        int type = first.GetRasterDataType();
        int last = ds.GetRasterBand(count).GetColorInterpretation();
        if (count == 1) {
            if (first.GetColorInterpretation() == gdalconstConstants.GCI_PaletteIndex || first.GetColorTable() != null) {
                return RasterType.CATEGORICAL;
            }
            if (DataTypes.isFloat(type) || type == gdalconstConstants.GDT_Int16) return RasterType.DEM;
            return RasterType.CONTINUOUS;
        }
        if (count == 4 && last == gdalconstConstants.GCI_AlphaBand && hasRgb(ds)) return RasterType.RGBA;
        if (count == 3 && (hasRgb(ds) || DataTypes.isByte(type))) return RasterType.RGB;
        if (count >= 4) return RasterType.MULTISPECTRAL;
        return RasterType.CONTINUOUS;
    }

    private static boolean hasRgb(Dataset ds) {
        boolean red = false;
        boolean green = false;
        boolean blue = false;
        for (int i = 1; i <= ds.GetRasterCount(); i++) {
            int ci = ds.GetRasterBand(i).GetColorInterpretation();
            red |= ci == gdalconstConstants.GCI_RedBand;
            green |= ci == gdalconstConstants.GCI_GreenBand;
            blue |= ci == gdalconstConstants.GCI_BlueBand;
        }
        return red && green && blue;
    }
}
