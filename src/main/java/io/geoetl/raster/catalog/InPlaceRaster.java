package io.geoetl.raster.catalog;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.geoetl.raster.CogFacts;
import io.geoetl.raster.CogLayoutCheck;
import io.geoetl.raster.RasterItemBuilder;
import io.geoetl.raster.RasterType;
import io.geoetl.raster.RasterTypes;
import io.geoetl.raster.VsiazAccess;
import io.geoetl.storage.BlobListing;
import java.util.Locale;
import org.gdal.gdal.Dataset;
import org.gdal.gdal.gdal;
import org.gdal.gdalconst.gdalconstConstants;

/**
 * Reads one raster where it lies (/vsiaz/, header and a few blocks through HTTP range requests,
 * never the whole file): whether it is a valid COG ({@link CogLayoutCheck}, GeoTIFFs only), its
 * grid and bands ({@link CogFacts}), the sensor fields it carries and its raster type. Returns the
 * facts an item is built from, or throws {@link Unreadable} naming what is wrong with the file.
 */
final class InPlaceRaster {
    private InPlaceRaster() {}

    /** What was read. {@code cog} is null for formats that cannot be COGs (.jp2, .img). */
    record Facts(BlobListing.Entry blob, String gdalPath, RasterType type, ObjectNode sensor, ObjectNode grid, CogLayoutCheck.Result cog) {}

    /** The raster cannot be catalogued: the message says why. */
    static final class Unreadable extends Exception {
        Unreadable(String message) {
            super(message);
        }
    }

    static Facts read(String container, BlobListing.Entry blob) throws Unreadable {
        String path = VsiazAccess.path(container, blob.name());
        // a catalogue run reads, never writes: no .aux.xml beside the blob (it would change the listing); no
        // directory listing on open (a prefix may hold tens of thousands of blobs); and what GDAL cached of the
        // container is dropped when each file closes, so a blob replaced under the same name is read afresh
        gdal.SetThreadLocalConfigOption("GDAL_PAM_ENABLED", "NO");
        gdal.SetThreadLocalConfigOption("GDAL_DISABLE_READDIR_ON_OPEN", "EMPTY_DIR");
        gdal.SetThreadLocalConfigOption("CPL_VSIL_CURL_NON_CACHED", VsiazAccess.path(container, ""));
        try {
            RasterType type;
            ObjectNode sensor;
            Dataset ds = open(path);
            try {
                requireGeoreferenced(ds);
                type = RasterTypes.detect(ds);
                sensor = RasterItemBuilder.sensorProperties(ds);
            } finally {
                ds.delete();
            }
            CogLayoutCheck.Result cog = isTiff(blob.name()) ? CogLayoutCheck.check(path) : null;
            ObjectNode grid;
            try {
                grid = CogFacts.read(path);
            } catch (RuntimeException e) {
                throw new Unreadable("GDAL cannot read its grid or pixels: " + e.getMessage());
            }
            return new Facts(blob, path, type, sensor, grid, cog);
        } finally {
            gdal.SetThreadLocalConfigOption("GDAL_PAM_ENABLED", null);
            gdal.SetThreadLocalConfigOption("GDAL_DISABLE_READDIR_ON_OPEN", null);
            gdal.SetThreadLocalConfigOption("CPL_VSIL_CURL_NON_CACHED", null);
        }
    }

    private static Dataset open(String path) throws Unreadable {
        Dataset ds;
        try {
            ds = gdal.Open(path, gdalconstConstants.GA_ReadOnly);
        } catch (RuntimeException e) {
            throw new Unreadable("GDAL cannot open it as a raster: " + e.getMessage());
        }
        if (ds == null) throw new Unreadable("GDAL cannot open it as a raster: " + gdal.GetLastErrorMsg());
        if (ds.GetRasterCount() == 0) {
            ds.delete();
            throw new Unreadable("it holds no raster band");
        }
        return ds;
    }

    private static void requireGeoreferenced(Dataset ds) throws Unreadable {
        String wkt = ds.GetProjectionRef();
        if (wkt == null || wkt.isBlank()) throw new Unreadable("it has no CRS, so it cannot be placed on a map");
        double[] gt = ds.GetGeoTransform();
        boolean identity = gt != null && gt[0] == 0 && gt[1] == 1 && gt[2] == 0 && gt[3] == 0 && gt[4] == 0 && gt[5] == 1;
        if (gt == null || identity || gt[1] == 0 || gt[5] == 0) throw new Unreadable("it has no geotransform (it is not georeferenced)");
    }

    static boolean isTiff(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        return lower.endsWith(".tif") || lower.endsWith(".tiff");
    }
}
