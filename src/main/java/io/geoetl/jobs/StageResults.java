package io.geoetl.jobs;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/** Results of a finished stage, in task order; failed tasks (tolerated by the job type) have a null result. */
public record StageResults(int stage, List<JsonNode> results, int failedTasks) {}
