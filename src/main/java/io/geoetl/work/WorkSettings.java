package io.geoetl.work;

import java.nio.file.Path;
import java.time.Duration;

/**
 * Where jobs keep local copies of their blobs and how archives are checked (geoetl.work.* in
 * config/application.properties).
 *
 * @param root              local folder for downloaded and unpacked blobs, one sub-folder per job
 * @param leftoverMaxAge    work folders untouched for longer than this are swept away
 * @param maxExtractedBytes largest total an archive may unpack to
 * @param maxZipRatio       largest unpacked/packed size ratio of an archive
 * @param maxZipEntries     most entries an archive may hold
 */
public record WorkSettings(Path root, Duration leftoverMaxAge, long maxExtractedBytes, int maxZipRatio, int maxZipEntries) {

    /** The root used when geoetl.work.dir is left empty. */
    public static Path defaultRoot() {
        return Path.of(System.getProperty("java.io.tmpdir"), "geoetl-work");
    }
}
