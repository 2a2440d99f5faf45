package io.geoetl.raster;

import io.geoetl.gdal.GdalRuntime;
import java.util.regex.Pattern;
import org.gdal.osr.SpatialReference;
import org.gdal.osr.osrConstants;

/** CRS codes accepted in parameters, and how a raster's CRS is named in STAC (EPSG code, or WKT2 where there is none). */
final class RasterCrs {
    static final Pattern CODE = Pattern.compile("^(EPSG|ESRI):[0-9]{1,6}$");

    private RasterCrs() {}

    /** Whether GDAL resolves the code (EPSG:n or ESRI:n). */
    static boolean known(String code) {
        GdalRuntime.init();
        SpatialReference srs = new SpatialReference();
        try {
            return srs.SetFromUserInput(code) == 0;
        } catch (RuntimeException e) {
            return false;
        } finally {
            srs.delete();
        }
    }

    /** A CRS from a WKT string, in longitude/latitude (x/y) axis order as geotransforms use. */
    static SpatialReference fromWkt(String wkt) {
        SpatialReference srs = new SpatialReference(wkt);
        srs.SetAxisMappingStrategy(osrConstants.OAMS_TRADITIONAL_GIS_ORDER);
        return srs;
    }

    /** The EPSG code of the CRS, or null when it has none (then STAC gets proj:wkt2). */
    static Integer epsg(SpatialReference srs) {
        String name = srs.GetAuthorityName(null);
        String code = srs.GetAuthorityCode(null);
        if ("EPSG".equals(name) && code != null) return Integer.valueOf(code);
        SpatialReference copy = srs.Clone();
        try {
            if (copy.AutoIdentifyEPSG() == 0 && "EPSG".equals(copy.GetAuthorityName(null)) && copy.GetAuthorityCode(null) != null) {
                return Integer.valueOf(copy.GetAuthorityCode(null));
            }
            return null;
        } catch (RuntimeException e) {
            return null;
        } finally {
            copy.delete();
        }
    }

    /** The CRS as WKT2 (2019). */
    static String wkt2(SpatialReference srs) {
        String[] wkt = new String[1];
        srs.ExportToWkt(wkt, new java.util.Vector<>(java.util.List.of("FORMAT=WKT2_2019")));
        return wkt[0];
    }
}
