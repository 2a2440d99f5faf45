package io.geoetl.jobs;

import com.fasterxml.jackson.databind.JsonNode;

/** What a job type asks for when it plans a stage: a task type and its parameters. */
public record TaskSpec(String taskType, JsonNode parameters) {}
