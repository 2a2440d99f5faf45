package io.geoetl.jobs;

import com.fasterxml.jackson.databind.JsonNode;

/** Everything a task handler may read: who it is, its job's parameters and its own. */
public record TaskContext(
        String jobId,
        String taskId,
        int stage,
        int taskIndex,
        String taskType,
        int attempt,
        JsonNode jobParameters,
        JsonNode taskParameters) {}
