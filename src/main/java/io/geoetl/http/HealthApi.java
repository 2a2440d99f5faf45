package io.geoetl.http;

import io.geoetl.http.support.HttpReplies;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.geoetl.jobs.Json;
import java.time.Duration;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.camel.Exchange;

/**
 * GET /api/health: one check per dependency (database + PostGIS, blob storage, task queue, GDAL),
 * each "up" with its detail or "down" with the reason; 503 when any is down. The checks run at
 * once on their own bounded executor and the reply waits at most {@code timeout} for them: a
 * dependency that does not answer in time is "down", so the probe itself never hangs.
 * <p>
 * For orchestrators: GET /api/health/live answers at once (the process serves HTTP), and GET
 * /api/health/ready runs the checks named {@link #READINESS} and is 503 "shutting_down" once the
 * router began to stop, so no new request is routed to it.
 */
public final class HealthApi {
    /** The checks /api/health/ready runs: what a router needs to take requests and tasks. */
    public static final Set<String> READINESS = Set.of("database", "storage", "queue");
    private final Map<String, Callable<String>> checks = new LinkedHashMap<>();
    private final ExecutorService executor;
    private final Duration timeout;

    public HealthApi(ExecutorService executor, Duration timeout) {
        this.executor = executor;
        this.timeout = timeout;
    }

    /** Adds a check: returns a detail (a version, a name) or throws when the dependency is down. */
    public HealthApi check(String name, Callable<String> check) {
        checks.put(name, check);
        return this;
    }

    public void health(Exchange exchange) {
        Report report = report(checks.keySet());
        HttpReplies.json(exchange, report.status(), report.body());
    }

    /** Liveness: the process answers HTTP; no dependency is asked. */
    public void live(Exchange exchange) {
        HttpReplies.json(exchange, 200, Json.object().put("status", "up"));
    }

    /** Readiness: database, storage and queue reachable, and the router not stopping. */
    public void ready(Exchange exchange) {
        if (exchange.getContext().isStopping()) {
            HttpReplies.json(exchange, 503, Json.object().put("status", "shutting_down"));
            return;
        }
        Report report = report(READINESS);
        HttpReplies.json(exchange, report.status(), report.body());
    }

    private Report report(Collection<String> names) {
        Map<String, CompletableFuture<String>> running = new LinkedHashMap<>();
        checks.forEach((name, check) -> {
            if (names.contains(name)) running.put(name, start(check));
        });
        long deadline = System.nanoTime() + timeout.toNanos();
        ObjectNode body = Json.object();
        ObjectNode components = body.putObject("checks");
        boolean allUp = true;
        for (Map.Entry<String, CompletableFuture<String>> entry : running.entrySet()) {
            ObjectNode component = components.putObject(entry.getKey());
            try {
                String detail = entry.getValue().get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                component.put("status", "up");
                component.put("detail", detail);
            } catch (Exception e) {
                allUp = false;
                entry.getValue().cancel(true);
                component.put("status", "down");
                component.put("detail", reason(e));
            }
        }
        body.put("status", allUp ? "up" : "down");
        return new Report(allUp ? 200 : 503, body);
    }

    private CompletableFuture<String> start(Callable<String> check) {
        CompletableFuture<String> result = new CompletableFuture<>();
        try {
            executor.execute(() -> {
                try {
                    result.complete(check.call());
                } catch (Throwable e) {
                    result.completeExceptionally(e);
                }
            });
        } catch (RejectedExecutionException e) {
            result.completeExceptionally(new IllegalStateException("earlier health checks are still running"));
        }
        return result;
    }

    private record Report(int status, ObjectNode body) {}

    private String reason(Exception e) {
        if (e instanceof TimeoutException) return "no answer within " + timeout.toMillis() + " ms";
        Throwable cause = e instanceof ExecutionException && e.getCause() != null ? e.getCause() : e;
        return cause.getClass().getSimpleName() + ": " + firstLine(cause.getMessage());
    }

    private static String firstLine(String text) {
        if (text == null) return "";
        int newline = text.indexOf('\n');
        return newline < 0 ? text : text.substring(0, newline);
    }
}
