package io.geoetl.vector;

import java.util.Optional;
import org.gdal.ogr.ogr;

/**
 * The three kinds of geometry a table can hold. Every geometry is stored as the Multi* type of
 * its family; a layer that mixes families is split into one table per family.
 */
enum GeometryFamily {
    POINT("MultiPoint", 4),
    LINE("MultiLineString", 5),
    POLYGON("MultiPolygon", 6);

    private final String multiType;
    private final int multiWkbType;

    GeometryFamily(String multiType, int multiWkbType) {
        this.multiType = multiType;
        this.multiWkbType = multiWkbType;
    }

    /** The PostGIS type every geometry of this family is stored as. */
    String multiType() {
        return multiType;
    }

    /** The (ISO) WKB type code of {@link #multiType()}. */
    int multiWkbType() {
        return multiWkbType;
    }

    /** Suffix of the table that holds this family when a layer mixes families: {@code _point}, {@code _line}, {@code _polygon}. */
    String tableSuffix() {
        return "_" + name().toLowerCase();
    }

    /** The value of the staging table's family column. */
    short code() {
        return (short) ordinal();
    }

    /** The family a layer's declared OGR geometry type holds; empty for unknown, collections and none. */
    static Optional<GeometryFamily> ofLayerType(int ogrType) {
        int flat = ogr.GT_Flatten(ogrType);
        if (flat == ogr.wkbPoint || flat == ogr.wkbMultiPoint) return Optional.of(POINT);
        if (flat == ogr.wkbLineString || flat == ogr.wkbMultiLineString || flat == ogr.wkbCircularString
                || flat == ogr.wkbCompoundCurve || flat == ogr.wkbMultiCurve) return Optional.of(LINE);
        if (flat == ogr.wkbPolygon || flat == ogr.wkbMultiPolygon || flat == ogr.wkbCurvePolygon || flat == ogr.wkbMultiSurface
                || flat == ogr.wkbPolyhedralSurface || flat == ogr.wkbTIN || flat == ogr.wkbTriangle) return Optional.of(POLYGON);
        return Optional.empty();
    }
}
