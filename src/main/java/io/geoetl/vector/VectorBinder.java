package io.geoetl.vector;

import com.azure.storage.blob.BlobServiceClient;
import io.geoetl.config.ModuleBinder;
import io.geoetl.config.Settings;
import io.geoetl.config.Wiring;
import io.geoetl.jobs.JobTypeRegistry;
import io.geoetl.storage.BlobFiles;
import io.geoetl.store.Database;
import java.nio.file.Path;

/** The job type ingest_vector (settings geoetl.vector.*), registered with the orchestration. */
public final class VectorBinder implements ModuleBinder {
    @Override
    public void bind(Wiring wiring) {
        BlobFiles blobFiles = new BlobFiles(wiring.bean("blobServiceClient", BlobServiceClient.class));
        wiring.bean("jobTypeRegistry", JobTypeRegistry.class)
                .register(new IngestVectorJobType(wiring.bean("database", Database.class), blobFiles, vectorSettings(wiring.settings())));
    }

    private static VectorSettings vectorSettings(Settings settings) {
        String workDir = settings.optional("geoetl.vector.work-dir");
        return new VectorSettings(
                workDir.isEmpty() ? Path.of(System.getProperty("java.io.tmpdir"), "geoetl-vector") : Path.of(workDir),
                settings.duration("geoetl.vector.leftover-max-age"),
                settings.longValue("geoetl.vector.max-file-bytes"),
                settings.longValue("geoetl.vector.zip.max-extracted-bytes"),
                settings.integer("geoetl.vector.zip.max-ratio"),
                settings.integer("geoetl.vector.zip.max-entries"),
                settings.integer("geoetl.vector.max-chunks"));
    }
}
