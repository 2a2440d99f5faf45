package io.geoetl.vector;

import java.util.concurrent.atomic.AtomicLong;
import org.gdal.ogr.GeomTransformer;
import org.gdal.osr.CoordinateTransformation;
import org.gdal.osr.SpatialReference;

/**
 * The long-lived native GDAL objects ingest creates (CRSs, transformations, the antimeridian
 * splitter): each creation goes through {@link #created} and each release through a
 * {@code release} method, which deletes the object and counts it. The Java wrappers would
 * otherwise free their native memory only when the garbage collector finalizes them, if ever;
 * {@link #live} lets tests prove every path, error paths included, releases what it made.
 */
final class GdalObjects {
    private static final AtomicLong LIVE = new AtomicLong();

    private GdalObjects() {}

    /** Counts a new object (null, for a failed creation, is not counted) and returns it. */
    static <T> T created(T object) {
        if (object != null) LIVE.incrementAndGet();
        return object;
    }

    static void release(SpatialReference srs) {
        if (srs == null) return;
        srs.delete();
        LIVE.decrementAndGet();
    }

    static void release(CoordinateTransformation transformation) {
        if (transformation == null) return;
        transformation.delete();
        LIVE.decrementAndGet();
    }

    static void release(GeomTransformer transformer) {
        if (transformer == null) return;
        transformer.delete();
        LIVE.decrementAndGet();
    }

    /** Objects created and not released yet, in this JVM. */
    static long live() {
        return LIVE.get();
    }
}
