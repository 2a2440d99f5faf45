package io.geoetl.vector;

import java.time.Duration;

/**
 * Limits of vector ingest (geoetl.vector.* in config/application.properties; work folders and
 * archive checks are geoetl.work.*).
 *
 * @param maxFileBytes   largest blob accepted
 * @param leftoverMaxAge staging tables of ingests that ended (or vanished) longer ago than this are dropped
 */
public record VectorSettings(long maxFileBytes, Duration leftoverMaxAge) {}
