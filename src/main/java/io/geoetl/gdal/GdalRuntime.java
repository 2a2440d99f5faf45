package io.geoetl.gdal;

import org.gdal.gdal.gdal;
import org.gdal.gdal.gdalJNI;
import org.gdal.ogr.ogr;

/**
 * Loads GDAL's JNI library once and registers its drivers. A failed load only prints "Native
 * library load failed." inside GDAL's own class, so this checks and fails loudly with the fix.
 */
public final class GdalRuntime {
    private static volatile boolean initialised;

    private GdalRuntime() {}

    public static synchronized void init() {
        if (initialised) return;
        if (!gdalJNI.isAvailable()) {
            throw new IllegalStateException("GDAL's JNI library libgdalalljni.so could not be loaded "
                    + "(java.library.path=" + System.getProperty("java.library.path") + "); run scripts/setup to build it");
        }
        gdal.AllRegister();
        ogr.RegisterAll();
        gdal.UseExceptions();
        ogr.UseExceptions();
        initialised = true;
    }

    /** e.g. "GDAL 3.6.2, released 2023/01/02". */
    public static String version() {
        init();
        return gdal.VersionInfo("--version");
    }
}
