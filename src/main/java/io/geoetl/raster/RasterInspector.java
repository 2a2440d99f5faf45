package io.geoetl.raster;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.geoetl.jobs.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.gdal.gdal.Band;
import org.gdal.gdal.Dataset;
import org.gdal.gdal.gdal;
import org.gdal.gdalconst.gdalconstConstants;
import org.gdal.osr.SpatialReference;

/**
 * The validate stage: opens the raster with GDAL, reading its header and a decimated sample of
 * its pixels (never the whole raster), and checks driver, size, data types, nodata, CRS,
 * geotransform, bounds and the share of valid pixels. Every check goes into the result; a
 * failed one is bad input with a message that names it.
 */
final class RasterInspector {
    /** Longest side of the decimated sample read to count nodata pixels and prove the data decodes. */
    private static final int SAMPLE_PIXELS = 512;
    private final RasterSettings settings;

    RasterInspector(RasterSettings settings) {
        this.settings = settings;
    }

    /** Inspects the raster at {@code gdalPath} (a local path or a /vsizip/ path) for the job's parameters. */
    ObjectNode inspect(String gdalPath, RasterParameters p) {
        Checks checks = new Checks(p.source());
        Dataset ds = open(gdalPath, checks);
        SpatialReference srs = null;
        try {
            ObjectNode result = Json.object();
            result.put("driver", ds.GetDriver().getShortName());
            int width = ds.GetRasterXSize();
            int height = ds.GetRasterYSize();
            int bands = ds.GetRasterCount();
            checkSize(width, height, bands, checks);
            List<Integer> types = checkDataTypes(ds, checks);
            srs = checkCrs(ds, p, checks);
            double[] gt = checkGeotransform(ds, checks);
            checkNodata(ds, checks);
            checkBounds(srs, gt, width, height, checks);
            double nodataShare = checkValidPixels(ds, checks);
            RasterType type = rasterType(ds, p, checks);
            result.put("width", width).put("height", height).put("band_count", bands);
            result.put("raw_bytes", types.stream().mapToLong(DataTypes::bytes).sum() * width * height);
            ArrayNode dataTypes = result.putArray("data_types");
            types.forEach(t -> dataTypes.add(DataTypes.stacName(t)));
            result.put("rotated", gt[2] != 0 || gt[4] != 0);
            result.put("nodata_fraction", nodataShare);
            result.put("raster_type", type.value());
            ArrayNode tiers = result.putArray("tiers");
            tiers(p, bands, types.stream().allMatch(DataTypes::isByte), checks).forEach(t -> tiers.add(t.value()));
            result.set("sensor", RasterItemBuilder.sensorProperties(ds));
            result.set("checks", checks.recorded());
            result.set("warnings", checks.warnings());
            return result;
        } finally {
            if (srs != null) srs.delete();
            ds.delete();
        }
    }

    private static Dataset open(String gdalPath, Checks checks) {
        Dataset ds;
        try {
            ds = gdal.Open(gdalPath, gdalconstConstants.GA_ReadOnly);
        } catch (RuntimeException e) {
            throw checks.failed("driver", "not a raster GDAL can read (" + withoutPath(e.getMessage(), gdalPath) + ")");
        }
        if (ds == null) throw checks.failed("driver", "not a raster GDAL can read (" + withoutPath(gdal.GetLastErrorMsg(), gdalPath) + ")");
        if (ds.GetRasterCount() == 0) {
            ds.delete();
            throw checks.failed("driver", "GDAL opens it but finds no raster band in it");
        }
        checks.passed("driver", ds.GetDriver().getShortName());
        return ds;
    }

    /** GDAL's messages name the router's local copy; the user knows the blob. */
    private static String withoutPath(String message, String gdalPath) {
        return message == null ? "" : message.replace(gdalPath + ": ", "").replace(gdalPath, "the file");
    }

    private void checkSize(int width, int height, int bands, Checks checks) {
        long pixels = (long) width * height;
        if (width <= 0 || height <= 0 || pixels > settings.maxPixels()) {
            throw checks.failed("size", "the header declares " + width + " x " + height + " pixels (" + pixels + "), over the limit of "
                    + settings.maxPixels() + " pixels (geoetl.raster.max-pixels); the file is corrupt or too large to process");
        }
        checks.passed("size", width + " x " + height + " pixels, " + bands + " band(s)");
    }

    private static List<Integer> checkDataTypes(Dataset ds, Checks checks) {
        List<Integer> types = new ArrayList<>();
        long bytesPerPixel = 0;
        for (int i = 1; i <= ds.GetRasterCount(); i++) {
            int type = ds.GetRasterBand(i).GetRasterDataType();
            if (DataTypes.is64BitInteger(type)) {
                throw checks.failed("data_types", "band " + i + " is " + DataTypes.stacName(type) + "; 64-bit integer rasters are "
                        + "refused (most COG readers cannot read them): convert to int32 or float64 first");
            }
            if (DataTypes.isComplex(type)) {
                throw checks.failed("data_types", "band " + i + " is complex (" + DataTypes.stacName(type) + "), which is not supported");
            }
            types.add(type);
            bytesPerPixel += DataTypes.bytes(type);
        }
        checks.passed("data_types", String.join(", ", types.stream().map(DataTypes::stacName).distinct().toList()));
        long raw = bytesPerPixel * ds.GetRasterXSize() * ds.GetRasterYSize();
        checks.info("memory", "uncompressed " + raw + " bytes; read block by block through GDAL's cache, never whole");
        return types;
    }

    private static SpatialReference checkCrs(Dataset ds, RasterParameters p, Checks checks) {
        if (p.sourceCrs() != null) {
            SpatialReference srs = new SpatialReference();
            srs.SetFromUserInput(p.sourceCrs());
            checks.passed("crs", "source_crs " + p.sourceCrs() + " given, the file's CRS is ignored");
            return srs;
        }
        String wkt = ds.GetProjectionRef();
        if (wkt == null || wkt.isBlank()) {
            throw checks.failed("crs", "the raster has no CRS; give source_crs (e.g. EPSG:4326) when you know it");
        }
        SpatialReference srs = RasterCrs.fromWkt(wkt);
        Integer epsg = RasterCrs.epsg(srs);
        checks.passed("crs", epsg != null ? "EPSG:" + epsg : "no EPSG code; carried as WKT2: " + srs.GetName());
        return srs;
    }

    private static double[] checkGeotransform(Dataset ds, Checks checks) {
        double[] gt = ds.GetGeoTransform();
        if (gt == null || (gt[0] == 0 && gt[1] == 1 && gt[2] == 0 && gt[3] == 0 && gt[4] == 0 && gt[5] == 1)) {
            throw checks.failed("geotransform", "the raster has no geotransform (it is not georeferenced)");
        }
        if (gt[1] == 0 || gt[5] == 0) throw checks.failed("geotransform", "the geotransform has a zero pixel size");
        if (gt[2] != 0 || gt[4] != 0) {
            checks.warning("geotransform", "rotated; it is warped to a north-up grid");
        } else {
            checks.passed("geotransform", "north-up, pixel " + gt[1] + " x " + gt[5]);
        }
        return gt;
    }

    private static void checkNodata(Dataset ds, Checks checks) {
        List<String> values = new ArrayList<>();
        for (int i = 1; i <= ds.GetRasterCount(); i++) {
            Band band = ds.GetRasterBand(i);
            Double[] nodata = new Double[1];
            band.GetNoDataValue(nodata);
            if (nodata[0] == null) continue;
            if (!DataTypes.holds(band.GetRasterDataType(), nodata[0])) {
                throw checks.failed("nodata", "band " + i + " declares nodata " + nodata[0] + ", which a "
                        + DataTypes.stacName(band.GetRasterDataType()) + " band cannot hold");
            }
            values.add("band " + i + ": " + nodata[0]);
        }
        checks.passed("nodata", values.isEmpty() ? "none declared" : String.join(", ", values));
    }

    /** Geographic bounds must lie on the globe; projected and unusual CRSs are carried as they are. */
    private static void checkBounds(SpatialReference srs, double[] gt, int width, int height, Checks checks) {
        double x0 = gt[0];
        double x1 = gt[0] + width * gt[1] + height * gt[2];
        double y0 = gt[3];
        double y1 = gt[3] + width * gt[4] + height * gt[5];
        String box = String.format(Locale.ROOT, "%.6g, %.6g, %.6g, %.6g", Math.min(x0, x1), Math.min(y0, y1), Math.max(x0, x1),
                Math.max(y0, y1));
        if (srs.IsGeographic() == 1) {
            double tolerance = Math.abs(gt[1]) + Math.abs(gt[5]);
            if (Math.min(y0, y1) < -90 - tolerance || Math.max(y0, y1) > 90 + tolerance || Math.min(x0, x1) < -180 - tolerance
                    || Math.max(x0, x1) > 360 + tolerance) {
                throw checks.failed("bounds", "the bounds (" + box + ") lie outside longitude -180..360 / latitude -90..90 of its "
                        + "geographic CRS");
            }
        }
        checks.passed("bounds", box);
    }

    /**
     * Reads band 1 and its mask at most {@link #SAMPLE_PIXELS} on a side (GDAL picks overviews or
     * skips rows): proves the pixels decode and measures the share of nodata.
     */
    private double checkValidPixels(Dataset ds, Checks checks) {
        int width = ds.GetRasterXSize();
        int height = ds.GetRasterYSize();
        double scale = Math.min(1.0, (double) SAMPLE_PIXELS / Math.max(width, height));
        int bw = Math.max(1, (int) Math.round(width * scale));
        int bh = Math.max(1, (int) Math.round(height * scale));
        Band band = ds.GetRasterBand(1);
        byte[] sample = new byte[bw * bh];
        double nodata = 0;
        try {
            readOrThrow(band, width, height, bw, bh, sample);
            if ((band.GetMaskFlags() & gdalconstConstants.GMF_ALL_VALID) == 0) {
                readOrThrow(band.GetMaskBand(), width, height, bw, bh, sample);
                long invalid = 0;
                for (byte b : sample) if (b == 0) invalid++;
                nodata = (double) invalid / sample.length;
            }
        } catch (RuntimeException e) {
            throw checks.failed("pixels", "GDAL cannot read its pixels; the file is corrupt or truncated (" + e.getMessage() + ")");
        }
        if (nodata >= 1.0) throw checks.failed("valid_pixels", "the raster has no valid pixel (every sampled pixel is nodata)");
        if (nodata > settings.maxNodataFraction()) {
            throw checks.failed("valid_pixels", String.format(Locale.ROOT, "%.2f %% of the raster is nodata, more than %.2f %% "
                    + "(geoetl.raster.max-nodata-fraction); it is refused as empty", nodata * 100, settings.maxNodataFraction() * 100));
        }
        checks.passed("valid_pixels", String.format(Locale.ROOT, "%.2f %% nodata in a %d x %d sample", nodata * 100, bw, bh));
        return nodata;
    }

    /** GDAL reports some decoding failures by return code rather than by exception. */
    private static void readOrThrow(Band band, int width, int height, int bw, int bh, byte[] buffer) {
        if (band.ReadRaster(0, 0, width, height, bw, bh, gdalconstConstants.GDT_Byte, buffer) != gdalconstConstants.CE_None) {
            throw new IllegalStateException(gdal.GetLastErrorMsg());
        }
    }

    private static RasterType rasterType(Dataset ds, RasterParameters p, Checks checks) {
        if (!RasterParameters.AUTO.equals(p.rasterType())) {
            RasterType given = RasterType.of(p.rasterType());
            checks.info("raster_type", given.value() + " (given)");
            return given;
        }
        RasterType detected = RasterTypes.detect(ds);
        checks.info("raster_type", detected.value() + " (detected from bands, data types and colour interpretation)");
        return detected;
    }

    /** The tiers to write: the requested ones this raster fits; an unfit request falls back to analysis with a warning. */
    static List<Tier> tiers(RasterParameters p, int bands, boolean allByte, Checks checks) {
        List<Tier> fit = new ArrayList<>();
        for (Tier tier : p.requestedTiers()) {
            if (tier.accepts(bands, allByte)) {
                fit.add(tier);
            } else if (!RasterParameters.ALL.equals(p.tier())) {
                checks.warning("tier", tier.value() + " needs 3 bands of 8 bits (this raster has " + bands + " band(s)"
                        + (allByte ? "" : ", not all 8-bit") + "); written as analysis instead");
                fit.add(Tier.ANALYSIS);
            } else {
                checks.info("tier", tier.value() + " skipped: it needs 3 bands of 8 bits");
            }
        }
        return fit;
    }
}
