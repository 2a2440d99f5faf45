package io.geoetl.jobs;

import com.fasterxml.jackson.databind.JsonNode;

/** What one attempt of a task returned. */
public record TaskResult(String taskId, int attempt, JsonNode result) {}
