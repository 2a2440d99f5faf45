package io.geoetl.raster;

import static org.assertj.core.api.Assertions.assertThat;

import io.geoetl.gdal.GdalRuntime;
import java.nio.file.Path;
import java.util.List;
import java.util.Vector;
import org.gdal.gdal.Dataset;
import org.gdal.gdal.Driver;
import org.gdal.gdal.gdal;
import org.gdal.gdalconst.gdalconstConstants;
import org.gdal.osr.SpatialReference;

/** Small rasters written with GDAL for tests: a gradient in every band, georeferenced in UTM 32N unless asked otherwise. */
public final class GeneratedRasters {
    private GeneratedRasters() {}

    /** A {@code width} x {@code height} byte GeoTIFF of {@code bands} bands with creation options {@code options}. */
    public static Path byteTiff(Path file, int width, int height, int bands, boolean crs, List<String> options) {
        GdalRuntime.init();
        Driver driver = gdal.GetDriverByName("GTiff");
        Dataset ds = driver.Create(file.toString(), width, height, bands, gdalconstConstants.GDT_Byte, new Vector<>(options));
        assertThat(ds).as(gdal.GetLastErrorMsg()).isNotNull();
        try {
            ds.SetGeoTransform(new double[] {500000, 10, 0, 5200000, 0, -10});
            if (crs) {
                SpatialReference srs = new SpatialReference();
                srs.ImportFromEPSG(32632);
                ds.SetProjection(srs.ExportToWkt());
                srs.delete();
            }
            byte[] row = new byte[width];
            for (int b = 1; b <= bands; b++) {
                for (int y = 0; y < height; y++) {
                    for (int x = 0; x < width; x++) row[x] = (byte) ((x + y * b) % 251 + 1);
                    ds.GetRasterBand(b).WriteRaster(0, y, width, 1, row);
                }
            }
            return file;
        } finally {
            ds.delete();
        }
    }

    /** A byte GeoTIFF whose every pixel is its nodata value 0. */
    static Path allNodata(Path file) {
        GdalRuntime.init();
        Dataset ds = gdal.GetDriverByName("GTiff").Create(file.toString(), 300, 300, 1, gdalconstConstants.GDT_Byte);
        try {
            ds.SetGeoTransform(new double[] {500000, 10, 0, 5200000, 0, -10});
            SpatialReference srs = new SpatialReference();
            srs.ImportFromEPSG(32632);
            ds.SetProjection(srs.ExportToWkt());
            srs.delete();
            ds.GetRasterBand(1).SetNoDataValue(0);
            ds.GetRasterBand(1).Fill(0);
            return file;
        } finally {
            ds.delete();
        }
    }

    /** A sparse GeoTIFF whose header declares {@code side} x {@code side} pixels but holds almost no data. */
    static Path absurdDimensions(Path file, int side) {
        GdalRuntime.init();
        Dataset ds = gdal.GetDriverByName("GTiff").Create(file.toString(), side, side, 1, gdalconstConstants.GDT_Byte,
                new Vector<>(List.of("SPARSE_OK=YES", "TILED=YES", "BIGTIFF=YES")));
        try {
            ds.SetGeoTransform(new double[] {500000, 10, 0, 5200000, 0, -10});
            return file;
        } finally {
            ds.delete();
        }
    }
}
