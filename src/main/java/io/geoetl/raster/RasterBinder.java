package io.geoetl.raster;

import io.geoetl.config.ModuleBinder;
import io.geoetl.config.Settings;
import io.geoetl.config.Wiring;
import io.geoetl.jobs.JobTypeRegistry;
import io.geoetl.storage.BlobFiles;
import io.geoetl.storage.BlobListing;
import io.geoetl.store.Database;
import io.geoetl.work.BlobFetcher;
import io.geoetl.work.WorkSettings;
import org.gdal.gdal.gdal;

/** The job type process_raster (settings geoetl.raster.*; scratch space in the work area), registered with the orchestration. */
public final class RasterBinder implements ModuleBinder {
    @Override
    public void bind(Wiring wiring) {
        Settings s = wiring.settings();
        RasterSettings settings = new RasterSettings(s.text("geoetl.raster.collection"), s.longValue("geoetl.raster.max-file-bytes"),
                s.longValue("geoetl.raster.max-pixels"), Double.parseDouble(s.text("geoetl.raster.max-nodata-fraction").trim()),
                s.longValue("geoetl.raster.gdal-cache-bytes"), s.integer("geoetl.raster.thumbnail-pixels"),
                s.optional("geoetl.raster.titiler-url"), s.optional("geoetl.http.base-url"), s.text("geoetl.storage.silver-container"),
                wiring.bean("workSettings", WorkSettings.class).root());
        // GDAL's block cache is one per process: bounded here so rasters never fill the router's memory
        gdal.SetCacheMax((int) Math.min(Integer.MAX_VALUE, settings.gdalCacheBytes()));
        wiring.bean("jobTypeRegistry", JobTypeRegistry.class).register(new ProcessRasterJobType(wiring.bean("database", Database.class),
                wiring.bean("blobFiles", BlobFiles.class), wiring.bean("blobFetcher", BlobFetcher.class), settings, tileSettings(s),
                wiring.bean("blobListing", BlobListing.class),
                new PrefixSettings(s.integer("geoetl.raster.prefix-max-rasters"), s.integer("geoetl.raster.prefix-max-tasks"))));
        VsiazAccess.configure(s.secret("geoetl.storage.connection-string"), s.text("geoetl.storage.account"));
    }

    private static TileSettings tileSettings(Settings s) {
        return new TileSettings(s.longValue("geoetl.raster.tile-threshold-bytes"), s.integer("geoetl.raster.tile-size-pixels"),
                s.integer("geoetl.raster.tile-overlap-pixels"), s.integer("geoetl.raster.max-cog-tasks"));
    }
}
