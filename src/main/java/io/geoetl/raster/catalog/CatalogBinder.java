package io.geoetl.raster.catalog;

import io.geoetl.config.ModuleBinder;
import io.geoetl.config.Settings;
import io.geoetl.config.Wiring;
import io.geoetl.jobs.JobTypeRegistry;
import io.geoetl.raster.RasterItemBuilder;
import io.geoetl.raster.VsiazAccess;
import io.geoetl.storage.BlobFiles;
import io.geoetl.storage.BlobListing;
import io.geoetl.store.Database;

/** The job type catalog_rasters (settings geoetl.catalog.*), and GDAL's /vsiaz/ access to the router's storage account. */
public final class CatalogBinder implements ModuleBinder {
    @Override
    public void bind(Wiring wiring) {
        Settings s = wiring.settings();
        CatalogSettings settings = new CatalogSettings(s.text("geoetl.catalog.collection"), s.integer("geoetl.catalog.rasters-per-task"),
                s.integer("geoetl.catalog.max-tasks"), s.integer("geoetl.catalog.max-rasters"));
        VsiazAccess.configure(s.secret("geoetl.storage.connection-string"), s.text("geoetl.storage.account"));
        BlobListing listing = wiring.bean("blobListing", BlobListing.class);
        BlobFiles blobs = wiring.bean("blobFiles", BlobFiles.class);
        CatalogTask catalog = new CatalogTask(wiring.bean("database", Database.class), blobs,
                new InPlaceItem(new RasterItemBuilder(s.optional("geoetl.raster.titiler-url"))));
        wiring.bean("jobTypeRegistry", JobTypeRegistry.class).register(new CatalogRastersJobType(listing, settings,
                new CatalogPlan(listing, settings), catalog));
    }
}
