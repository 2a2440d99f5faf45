package io.geoetl.work;

import io.geoetl.storage.BlobFiles.BlobInfo;
import java.nio.file.Path;

/**
 * A job's local copy of one blob version: the downloaded file, or for an archive the folder it was
 * unpacked into (the archive itself is deleted once unpacked).
 */
public record LocalBlob(Path path, boolean unpacked, BlobInfo blob) {}
