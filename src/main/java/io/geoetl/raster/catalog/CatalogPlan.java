package io.geoetl.raster.catalog;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.geoetl.jobs.Json;
import io.geoetl.storage.BlobListing;
import java.util.List;

/**
 * The plan task: lists the rasters under the prefix again (names, ETags, sizes, last changes) and
 * splits them into batches of {@code rastersPerTask}, more per batch when that would give more
 * than {@code maxTasks} batches. When the listing is no longer the one the job was submitted for,
 * the result says so: this job catalogues what is there now, and the next submission gets a new job.
 */
final class CatalogPlan {
    private final BlobListing listing;
    private final CatalogSettings settings;

    CatalogPlan(BlobListing listing, CatalogSettings settings) {
        this.listing = listing;
        this.settings = settings;
    }

    ObjectNode run(CatalogParameters p) {
        BlobListing.Listing listed = listing.list(p.container(), p.prefix(), CatalogParameters::isRaster, settings.maxRasters());
        List<BlobListing.Entry> rasters = listed.entries();
        int perTask = perTask(rasters.size(), settings.rastersPerTask(), settings.maxTasks());
        ObjectNode result = Json.object();
        result.put("rasters", rasters.size());
        result.put("rasters_per_task", perTask);
        result.put("listing_unchanged", listed.fingerprint().equals(p.fingerprint()));
        ArrayNode batches = result.putArray("batches");
        ArrayNode batch = null;
        for (int i = 0; i < rasters.size(); i++) {
            if (i % perTask == 0) batch = batches.addArray();
            BlobListing.Entry blob = rasters.get(i);
            batch.addObject().put("name", blob.name()).put("etag", blob.etag()).put("size", blob.size())
                    .put("last_modified", blob.lastModified().toString());
        }
        return result;
    }

    /** At least {@code preferred} per task, and enough per task that the stage stays within {@code maxTasks}. */
    static int perTask(int rasters, int preferred, int maxTasks) {
        int needed = (rasters + maxTasks - 1) / maxTasks;
        return Math.max(1, Math.max(preferred, needed));
    }
}
