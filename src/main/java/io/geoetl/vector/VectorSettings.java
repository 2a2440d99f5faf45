package io.geoetl.vector;

import java.time.Duration;

/**
 * Limits of vector ingest (geoetl.vector.* in config/application.properties; work folders and
 * archive checks are geoetl.work.*).
 *
 * @param maxFileBytes   largest blob accepted
 * @param leftoverMaxAge staging tables of ingests that ended (or vanished) longer ago than this are dropped
 * @param stacCollection STAC collection every published table gets an item in (geoetl.stac.vector-collection)
 * @param publicBaseUrl  geoetl.http.base-url, for absolute asset links in those items (empty: links from the server root)
 * @param maxChunks      most load tasks one ingest may plan (feature count / chunk_size)
 * @param indexBuilds    index builds this router runs at once over all finalizes ({@link IndexBuildSlots#sizeFor})
 */
public record VectorSettings(long maxFileBytes, Duration leftoverMaxAge, String stacCollection, String publicBaseUrl,
                             int maxChunks, int indexBuilds) {}
