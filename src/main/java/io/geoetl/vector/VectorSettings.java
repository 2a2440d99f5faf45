package io.geoetl.vector;

import java.nio.file.Path;
import java.time.Duration;

/**
 * Limits and places of vector ingest (geoetl.vector.* in config/application.properties).
 *
 * @param workDir           local folder for downloaded and unpacked sources, one sub-folder per job
 * @param leftoverMaxAge    work folders and staging tables of ended jobs older than this are swept away
 * @param maxFileBytes      largest blob accepted
 * @param maxExtractedBytes largest total an archive may unpack to
 * @param maxZipRatio       largest unpacked/packed size ratio of an archive
 * @param maxZipEntries     most entries an archive may hold
 * @param maxChunks         most load tasks one ingest may plan (feature count / chunk_size)
 */
public record VectorSettings(Path workDir, Duration leftoverMaxAge, long maxFileBytes, long maxExtractedBytes, int maxZipRatio,
                      int maxZipEntries, int maxChunks) {}
