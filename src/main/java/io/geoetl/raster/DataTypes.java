package io.geoetl.raster;

import java.util.Locale;
import org.gdal.gdal.gdal;
import org.gdal.gdalconst.gdalconstConstants;

/** GDAL data types as STAC's raster extension names them, and the values each can hold. */
final class DataTypes {
    private DataTypes() {}

    /** e.g. uint8, int16, float32, cint16 (STAC raster:bands data_type). */
    static String stacName(int gdalType) {
        String name = gdal.GetDataTypeName(gdalType).toLowerCase(Locale.ROOT);
        return "byte".equals(name) ? "uint8" : name;
    }

    static boolean isByte(int gdalType) {
        return gdalType == gdalconstConstants.GDT_Byte;
    }

    static boolean isFloat(int gdalType) {
        return gdalType == gdalconstConstants.GDT_Float32 || gdalType == gdalconstConstants.GDT_Float64;
    }

    static boolean isComplex(int gdalType) {
        return gdal.GetDataTypeName(gdalType).startsWith("C");
    }

    /** Int64 and UInt64: refused (most COG readers, TiTiler and GDAL before 3.5 among them, cannot read them). */
    static boolean is64BitInteger(int gdalType) {
        return gdalType == gdalconstConstants.GDT_Int64 || gdalType == gdalconstConstants.GDT_UInt64;
    }

    /** Bytes per sample. */
    static int bytes(int gdalType) {
        return Math.max(1, gdal.GetDataTypeSize(gdalType) / 8);
    }

    /** Whether {@code nodata} is a value the type can hold (NaN and infinities only in floats). */
    static boolean holds(int gdalType, double nodata) {
        if (isFloat(gdalType)) {
            return Double.isNaN(nodata) || Double.isInfinite(nodata) || gdalType == gdalconstConstants.GDT_Float64
                    || Math.abs(nodata) <= Float.MAX_VALUE;
        }
        if (Double.isNaN(nodata) || Double.isInfinite(nodata) || nodata != Math.rint(nodata)) return false;
        double[] range = range(gdalType);
        return nodata >= range[0] && nodata <= range[1];
    }

    private static double[] range(int t) {
        if (t == gdalconstConstants.GDT_Byte) return new double[] {0, 255};
        if (t == gdalconstConstants.GDT_UInt16) return new double[] {0, 65535};
        if (t == gdalconstConstants.GDT_Int16) return new double[] {Short.MIN_VALUE, Short.MAX_VALUE};
        if (t == gdalconstConstants.GDT_UInt32) return new double[] {0, 4294967295.0};
        if (t == gdalconstConstants.GDT_Int32) return new double[] {Integer.MIN_VALUE, Integer.MAX_VALUE};
        return new double[] {Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY};
    }
}
