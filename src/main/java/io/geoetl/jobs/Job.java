package io.geoetl.jobs;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.OffsetDateTime;

/** One row of app.jobs. */
public record Job(
        String jobId,
        String jobType,
        JsonNode parameters,
        JobStatus status,
        int stage,
        int totalStages,
        int run,
        JsonNode result,
        JsonNode error,
        OffsetDateTime createdAt,
        OffsetDateTime updatedAt,
        OffsetDateTime startedAt,
        OffsetDateTime finishedAt) {}
