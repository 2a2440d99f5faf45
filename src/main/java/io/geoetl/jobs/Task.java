package io.geoetl.jobs;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.OffsetDateTime;

/** One row of app.tasks. */
public record Task(
        String taskId,
        String jobId,
        int stage,
        int taskIndex,
        String taskType,
        JsonNode parameters,
        TaskStatus status,
        int attempt,
        int maxAttempts,
        OffsetDateTime nextAttemptAt,
        String claimedBy,
        OffsetDateTime heartbeatAt,
        OffsetDateTime startedAt,
        OffsetDateTime finishedAt,
        JsonNode result,
        JsonNode error) {}
