package io.geoetl.gdal;

import io.geoetl.config.ModuleBinder;
import io.geoetl.config.Wiring;

/** Loads GDAL's JNI library and registers its drivers once per process; adds the gdal health check. */
public final class GdalBinder implements ModuleBinder {
    @Override
    public void bind(Wiring wiring) {
        GdalRuntime.init();
        wiring.healthCheck("gdal", GdalRuntime::version);
    }
}
