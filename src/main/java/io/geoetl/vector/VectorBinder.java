package io.geoetl.vector;

import io.geoetl.config.ModuleBinder;
import io.geoetl.config.Wiring;
import io.geoetl.jobs.JobTypeRegistry;
import io.geoetl.storage.BlobFiles;
import io.geoetl.store.Database;
import io.geoetl.work.BlobFetcher;
import io.geoetl.work.WorkSettings;

/**
 * The job type ingest_vector (settings geoetl.vector.*; its work folders from the work binder), registered with the orchestration.
 * Its index builds get what the pool (geoetl.db.pool-size) has beyond the workers' (geoetl.worker.concurrency) and the
 * orchestration's connections.
 */
public final class VectorBinder implements ModuleBinder {
    @Override
    public void bind(Wiring wiring) {
        WorkSettings work = wiring.bean("workSettings", WorkSettings.class);
        wiring.bean("jobTypeRegistry", JobTypeRegistry.class).register(new IngestVectorJobType(wiring.bean("database", Database.class),
                wiring.bean("blobFiles", BlobFiles.class), wiring.bean("blobFetcher", BlobFetcher.class),
                new VectorSettings(wiring.settings().longValue("geoetl.vector.max-file-bytes"), work.leftoverMaxAge(),
                        wiring.settings().text("geoetl.stac.vector-collection"), wiring.settings().optional("geoetl.http.base-url"),
                        wiring.settings().integer("geoetl.vector.max-chunks"), indexBuilds(wiring))));
    }

    /** What the pool has beyond the orchestration's connections (docs/configuration.md, geoetl.db.pool-size). */
    private static int indexBuilds(Wiring wiring) {
        return IndexBuildSlots.sizeFor(wiring.settings().integer("geoetl.db.pool-size"), wiring.settings().integer("geoetl.worker.concurrency"));
    }
}
