package io.geoetl.raster;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.geoetl.jobs.Json;
import java.nio.file.Path;
import org.gdal.gdal.Band;
import org.gdal.gdal.Dataset;
import org.gdal.gdal.gdal;
import org.gdal.gdalconst.gdalconstConstants;
import org.gdal.osr.CoordinateTransformation;
import org.gdal.osr.SpatialReference;

/**
 * What a written COG is, for its STAC item and its app.cog_metadata row: grid (EPSG code or WKT2,
 * shape, transform, bbox in its CRS and in longitude/latitude) and per band data type, nodata
 * and statistics (computed by GDAL from the overviews, so the full resolution is not read again).
 */
public final class CogFacts {
    private CogFacts() {}

    static ObjectNode read(Path cog) {
        return read(cog.toString());
    }

    /** The facts of the raster at {@code gdalPath} (local or /vsiaz/ …); catalog_rasters reads rasters where they lie. */
    public static ObjectNode read(String gdalPath) {
        Dataset ds = gdal.Open(gdalPath, gdalconstConstants.GA_ReadOnly);
        if (ds == null) throw new IllegalStateException("GDAL cannot reopen the COG it wrote: " + gdal.GetLastErrorMsg());
        SpatialReference srs = RasterCrs.fromWkt(ds.GetProjectionRef());
        try {
            ObjectNode facts = Json.object();
            int width = ds.GetRasterXSize();
            int height = ds.GetRasterYSize();
            double[] gt = ds.GetGeoTransform();
            Integer epsg = RasterCrs.epsg(srs);
            if (epsg != null) facts.put("epsg", epsg); else facts.put("wkt2", RasterCrs.wkt2(srs));
            facts.putArray("shape").add(height).add(width);
            facts.putArray("transform").add(gt[1]).add(gt[2]).add(gt[0]).add(gt[4]).add(gt[5]).add(gt[3]);
            double[] box = {gt[0], gt[3] + height * gt[5], gt[0] + width * gt[1], gt[3]};
            double[] native_ = {Math.min(box[0], box[2]), Math.min(box[1], box[3]), Math.max(box[0], box[2]), Math.max(box[1], box[3])};
            ArrayNode projBbox = facts.putArray("proj_bbox");
            for (double v : native_) projBbox.add(v);
            ArrayNode lonLat = facts.putArray("bbox");
            for (double v : lonLat(srs, native_)) lonLat.add(v);
            facts.put("resolution", Math.abs(gt[1]));
            facts.set("bands", bands(ds));
            return facts;
        } finally {
            srs.delete();
            ds.delete();
        }
    }

    private static ArrayNode bands(Dataset ds) {
        ArrayNode bands = Json.array();
        for (int i = 1; i <= ds.GetRasterCount(); i++) {
            Band band = ds.GetRasterBand(i);
            ObjectNode b = bands.addObject();
            b.put("data_type", DataTypes.stacName(band.GetRasterDataType()));
            Double[] nodata = new Double[1];
            band.GetNoDataValue(nodata);
            if (nodata[0] != null) {
                if (Double.isNaN(nodata[0])) b.put("nodata", "nan");
                else if (Double.isInfinite(nodata[0])) b.put("nodata", nodata[0] > 0 ? "inf" : "-inf");
                else b.put("nodata", nodata[0]);
            }
            b.put("colour", gdal.GetColorInterpretationName(band.GetColorInterpretation()));
            if (band.GetDescription() != null && !band.GetDescription().isEmpty()) b.put("description", band.GetDescription());
            double[] min = new double[1];
            double[] max = new double[1];
            double[] mean = new double[1];
            double[] std = new double[1];
            band.ComputeStatistics(true, min, max, mean, std);
            b.putObject("statistics").put("minimum", min[0]).put("maximum", max[0]).put("mean", mean[0]).put("stddev", std[0]);
        }
        return bands;
    }

    /** The box in longitude/latitude, its edges densified before transforming so curved edges are not cut. */
    private static double[] lonLat(SpatialReference srs, double[] box) {
        SpatialReference wgs84 = new SpatialReference();
        wgs84.ImportFromEPSG(4326);
        wgs84.SetAxisMappingStrategy(org.gdal.osr.osrConstants.OAMS_TRADITIONAL_GIS_ORDER);
        CoordinateTransformation transform = CoordinateTransformation.CreateCoordinateTransformation(srs, wgs84);
        if (transform == null) {
            wgs84.delete();
            throw new IllegalStateException("GDAL finds no transformation from the raster's CRS to longitude/latitude: " + gdal.GetLastErrorMsg());
        }
        try {
            double[] out = new double[4];
            transform.TransformBounds(out, box[0], box[1], box[2], box[3], 21);
            return out;
        } finally {
            transform.delete();
            wgs84.delete();
        }
    }
}
