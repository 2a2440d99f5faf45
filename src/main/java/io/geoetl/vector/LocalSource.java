package io.geoetl.vector;

import io.geoetl.storage.BlobFiles.BlobInfo;
import java.nio.file.Path;

/** A job's local copy of its blob: the file or folder GDAL opens, its format, and the blob version it came from. */
record LocalSource(Path path, VectorFormat format, BlobInfo blob) {}
