package io.geoetl.jobs;

/** One stage of one job. */
public record JobStage(String jobId, int stage) {}
