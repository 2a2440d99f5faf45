package io.geoetl.http;

import io.geoetl.http.support.HttpReplies;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.geoetl.jobs.Json;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.camel.Exchange;

/**
 * GET /api/health: one check per dependency (database + PostGIS, blob storage, task queue, GDAL),
 * each "up" with its detail or "down" with the reason; 503 when any is down.
 */
public final class HealthApi {
    private final Map<String, Callable<String>> checks = new LinkedHashMap<>();

    /** Adds a check: returns a detail (a version, a name) or throws when the dependency is down. */
    public HealthApi check(String name, Callable<String> check) {
        checks.put(name, check);
        return this;
    }

    public void health(Exchange exchange) {
        ObjectNode body = Json.object();
        ObjectNode components = body.putObject("checks");
        boolean allUp = true;
        for (Map.Entry<String, Callable<String>> entry : checks.entrySet()) {
            ObjectNode component = components.putObject(entry.getKey());
            try {
                component.put("status", "up");
                component.put("detail", entry.getValue().call());
            } catch (Exception e) {
                allUp = false;
                component.put("status", "down");
                component.put("detail", e.getClass().getSimpleName() + ": " + firstLine(e.getMessage()));
            }
        }
        body.put("status", allUp ? "up" : "down");
        HttpReplies.json(exchange, allUp ? 200 : 503, body);
    }

    private static String firstLine(String text) {
        if (text == null) return "";
        int newline = text.indexOf('\n');
        return newline < 0 ? text : text.substring(0, newline);
    }
}
