package io.geoetl.work;

import io.geoetl.config.ModuleBinder;
import io.geoetl.config.Settings;
import io.geoetl.config.Wiring;
import io.geoetl.storage.BlobFiles;
import java.nio.file.Path;

/**
 * The shared blob work area (settings geoetl.work.*): where file-reading job types download and
 * unpack their blobs. Beans: workSettings, blobFetcher.
 */
public final class WorkBinder implements ModuleBinder {
    @Override
    public void bind(Wiring wiring) {
        Settings settings = wiring.settings();
        String root = settings.optional("geoetl.work.dir");
        WorkSettings work = wiring.bind("workSettings", new WorkSettings(
                root.isEmpty() ? WorkSettings.defaultRoot() : Path.of(root),
                settings.duration("geoetl.work.leftover-max-age"),
                settings.longValue("geoetl.work.zip.max-extracted-bytes"),
                settings.integer("geoetl.work.zip.max-ratio"),
                settings.integer("geoetl.work.zip.max-entries")));
        wiring.bind("blobFetcher", new BlobFetcher(wiring.bean("blobFiles", BlobFiles.class), work));
    }
}
