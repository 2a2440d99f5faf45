package io.geoetl.store;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.OffsetDateTime;

/**
 * One row of app.janitor_runs: a sweep that took the janitor lock.
 *
 * @param actor   who asked: "schedule" or the API caller ("api:&lt;name&gt;")
 * @param worker  the router that swept
 * @param actions repairs by kind, e.g. {"task_requeued": 2}
 */
public record JanitorRun(long runId, OffsetDateTime startedAt, OffsetDateTime finishedAt, String actor, String worker,
                         int actionCount, JsonNode actions) {}
