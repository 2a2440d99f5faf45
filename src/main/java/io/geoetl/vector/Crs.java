package io.geoetl.vector;

import io.geoetl.jobs.BadInputException;
import java.util.List;
import java.util.Vector;
import java.util.regex.Pattern;
import org.gdal.ogr.Layer;
import org.gdal.osr.CoordinateTransformation;
import org.gdal.osr.SpatialReference;
import org.gdal.osr.osr;

/** Coordinate reference systems: parsing the codes users give, SRIDs, and transformations. */
final class Crs {
    /** source_crs: an EPSG or ESRI code. Nothing else reaches GDAL (which would also read files and URLs). */
    static final Pattern SOURCE_CODE = Pattern.compile("^(EPSG|ESRI):[0-9]{1,6}$");
    /** target_crs: an EPSG code, so the table's SRID is that code. */
    static final Pattern TARGET_CODE = Pattern.compile("^EPSG:[0-9]{1,6}$");
    private static final Vector<String> SAME_IGNORING_AXIS_ORDER = new Vector<>(List.of(
            "IGNORE_DATA_AXIS_TO_SRS_AXIS_MAPPING=YES", "CRITERION=EQUIVALENT_EXCEPT_AXIS_ORDER_GEOGCRS"));

    private Crs() {}

    /**
     * The CRS of a code matched by {@link #SOURCE_CODE} or {@link #TARGET_CODE}, in x/y (lon/lat)
     * order; null when GDAL does not know it. The caller releases it ({@link GdalObjects#release}).
     */
    static SpatialReference fromCode(String code) {
        SpatialReference srs = GdalObjects.created(new SpatialReference());
        boolean known;
        try {
            known = srs.SetFromUserInput(code) == 0;
        } catch (RuntimeException unknown) {
            known = false;
        }
        if (!known) {
            GdalObjects.release(srs);
            return null;
        }
        srs.SetAxisMappingStrategy(osr.OAMS_TRADITIONAL_GIS_ORDER);
        return srs;
    }

    /** GDAL knows the CRS of this code (parameter checks: nothing is kept). */
    static boolean isKnown(String code) {
        SpatialReference srs = fromCode(code);
        GdalObjects.release(srs);
        return srs != null;
    }

    /** A copy of a layer's CRS in x/y order (the caller releases it), or null when the layer has none. */
    static SpatialReference ofLayer(SpatialReference layerSrs) {
        if (layerSrs == null) return null;
        SpatialReference copy = GdalObjects.created(layerSrs.Clone());
        copy.SetAxisMappingStrategy(osr.OAMS_TRADITIONAL_GIS_ORDER);
        return copy;
    }

    /**
     * The CRS the layer's coordinates are in: source_crs when given, else the layer's own. GeoJSON
     * without a CRS is EPSG:4326 by its specification (GDAL reports it so); any other source
     * without one is bad input naming the source_crs parameter. The caller releases it.
     */
    static SpatialReference ofSource(Layer layer, IngestParameters p) {
        if (p.sourceCrs() != null) return fromCode(p.sourceCrs());
        SpatialReference own = ofLayer(layer.GetSpatialRef());
        if (own != null) return own;
        if (p.blobType() == BlobType.GEOJSON) return fromCode("EPSG:4326");
        throw new BadInputException("layer \"" + layer.GetName() + "\" of " + p.source() + " has no coordinate reference system "
                + "(e.g. a Shapefile without .prj); set the source_crs parameter, e.g. \"source_crs\": \"EPSG:25832\"");
    }

    /** The EPSG code of an EPSG CRS built by {@link #fromCode}. */
    static int epsg(SpatialReference srs) {
        String code = srs.GetAuthorityCode(null);
        return code == null ? 0 : Integer.parseInt(code);
    }

    /** A short description for results and messages: AUTHORITY:CODE when known, else the CRS name. */
    static String describe(SpatialReference srs) {
        String authority = srs.GetAuthorityName(null);
        String code = srs.GetAuthorityCode(null);
        return authority != null && code != null ? authority + ":" + code : srs.GetName();
    }

    /** The transformation from {@code source} to {@code target} (the caller releases it), or null when they are the same CRS (axis order aside). */
    static CoordinateTransformation transformation(SpatialReference source, SpatialReference target) {
        if (source.IsSame(target, SAME_IGNORING_AXIS_ORDER) == 1) return null;
        return GdalObjects.created(CoordinateTransformation.CreateCoordinateTransformation(source, target));
    }
}
