package io.geoetl.raster;

import io.geoetl.jobs.BadInputException;
import io.geoetl.storage.BlobListing;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.gdal.gdal.Dataset;
import org.gdal.gdal.gdal;
import org.gdal.gdalconst.gdalconstConstants;
import org.gdal.osr.SpatialReference;

/**
 * The homogeneity check of a blob_prefix job: every raster's header is read where it lies
 * (/vsiaz/, a few HTTP range requests, never the pixels) for its CRS, band count and data types,
 * and rasters unlike the rest are refused as bad input, the message naming each odd file and how
 * it differs. The most common kind is taken as the norm (the first by name on a tie).
 */
final class RasterHeaders {
    private RasterHeaders() {}

    /** What must match across the rasters of one collection. */
    record Kind(String crs, int bands, String dataTypes) {
        String describe() {
            return crs + ", " + bands + " band(s) of " + dataTypes;
        }
    }

    /** Reads every header; bad input naming the unreadable and the odd rasters. {@code sourceCrs} (may be null) replaces the files' CRS. */
    static Kind requireAlike(String container, List<BlobListing.Entry> rasters, String sourceCrs) {
        Map<String, Kind> kinds = new LinkedHashMap<>();
        List<String> unreadable = new ArrayList<>();
        for (BlobListing.Entry raster : rasters) {
            try {
                kinds.put(raster.name(), read(container, raster.name(), sourceCrs));
            } catch (IllegalArgumentException e) {
                unreadable.add(container + "/" + raster.name() + ": " + e.getMessage());
            }
        }
        if (!unreadable.isEmpty()) {
            throw new BadInputException(unreadable.size() + " raster(s) under the prefix cannot be read: " + String.join("; ", unreadable));
        }
        Kind norm = mostCommon(kinds.values());
        List<String> odd = new ArrayList<>();
        kinds.forEach((name, kind) -> {
            if (!kind.equals(norm)) odd.add(container + "/" + name + " has " + difference(kind, norm));
        });
        if (!odd.isEmpty()) {
            throw new BadInputException("the rasters under the prefix must share CRS, band count and data type to make one collection, and "
                    + odd.size() + " of " + rasters.size() + " differ from the others (" + norm.describe() + "): " + String.join("; ", odd)
                    + ". Move them under another prefix, or process them one by one with blob_name");
        }
        return norm;
    }

    private static Kind mostCommon(Iterable<Kind> kinds) {
        Map<Kind, Integer> counts = new LinkedHashMap<>();
        for (Kind kind : kinds) counts.merge(kind, 1, Integer::sum);
        Kind best = null;
        for (Map.Entry<Kind, Integer> entry : counts.entrySet()) {
            if (best == null || entry.getValue() > counts.get(best)) best = entry.getKey();
        }
        return best;
    }

    private static String difference(Kind kind, Kind norm) {
        List<String> differs = new ArrayList<>();
        if (!kind.crs().equals(norm.crs())) differs.add("CRS " + kind.crs() + " (the others " + norm.crs() + ")");
        if (kind.bands() != norm.bands()) differs.add(kind.bands() + " band(s) (the others " + norm.bands() + ")");
        if (!kind.dataTypes().equals(norm.dataTypes())) differs.add("data type " + kind.dataTypes() + " (the others " + norm.dataTypes() + ")");
        return String.join(", ", differs);
    }

    /** One header through /vsiaz/, read-only; IllegalArgumentException saying why it cannot be read. */
    static Kind read(String container, String blobName, String sourceCrs) {
        // read-only and in place: no .aux.xml beside the blob, no listing of its folder, nothing cached after closing
        gdal.SetThreadLocalConfigOption("GDAL_PAM_ENABLED", "NO");
        gdal.SetThreadLocalConfigOption("GDAL_DISABLE_READDIR_ON_OPEN", "EMPTY_DIR");
        gdal.SetThreadLocalConfigOption("CPL_VSIL_CURL_NON_CACHED", VsiazAccess.path(container, ""));
        Dataset ds = null;
        try {
            ds = gdal.Open(VsiazAccess.path(container, blobName), gdalconstConstants.GA_ReadOnly);
            if (ds == null) throw new IllegalArgumentException("GDAL cannot open it as a raster: " + gdal.GetLastErrorMsg());
            int bands = ds.GetRasterCount();
            if (bands == 0) throw new IllegalArgumentException("it holds no raster band");
            Set<String> types = new LinkedHashSet<>();
            for (int b = 1; b <= bands; b++) types.add(gdal.GetDataTypeName(ds.GetRasterBand(b).getDataType()));
            return new Kind(sourceCrs != null ? sourceCrs : crs(ds.GetProjectionRef()), bands, String.join("/", types));
        } catch (RuntimeException e) {
            if (e instanceof IllegalArgumentException) throw e;
            throw new IllegalArgumentException("GDAL cannot read its header: " + e.getMessage(), e);
        } finally {
            if (ds != null) ds.delete();
            gdal.SetThreadLocalConfigOption("GDAL_PAM_ENABLED", null);
            gdal.SetThreadLocalConfigOption("GDAL_DISABLE_READDIR_ON_OPEN", null);
            gdal.SetThreadLocalConfigOption("CPL_VSIL_CURL_NON_CACHED", null);
        }
    }

    /** EPSG:n where the CRS has a code, else its name; "no CRS" for none. */
    private static String crs(String wkt) {
        if (wkt == null || wkt.isBlank()) return "no CRS";
        SpatialReference srs = RasterCrs.fromWkt(wkt);
        try {
            Integer epsg = RasterCrs.epsg(srs);
            return epsg != null ? "EPSG:" + epsg : "CRS \"" + srs.GetName() + "\"";
        } finally {
            srs.delete();
        }
    }
}
