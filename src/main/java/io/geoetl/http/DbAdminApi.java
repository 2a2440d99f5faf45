package io.geoetl.http;

import io.geoetl.http.support.HttpReplies;
import io.geoetl.http.support.Queries;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.geoetl.jobs.Json;
import io.geoetl.jobs.OverdueTask;
import io.geoetl.ops.Janitor;
import io.geoetl.ops.JanitorReport;
import io.geoetl.storage.AzurePoisonQueue;
import io.geoetl.store.JanitorRun;
import java.time.Duration;
import java.util.List;
import org.apache.camel.Exchange;

/** The /api/dbadmin endpoints: stale tasks, a janitor sweep on demand, the poison queue. */
public final class DbAdminApi {
    private final Janitor janitor;
    private final AzurePoisonQueue poison;
    private final AzurePoisonQueue blobEventPoison;

    public DbAdminApi(Janitor janitor, AzurePoisonQueue poison, AzurePoisonQueue blobEventPoison) {
        this.janitor = janitor;
        this.poison = poison;
        this.blobEventPoison = blobEventPoison;
    }

    /** GET /api/dbadmin/zombie-tasks?limit=: tasks in processing whose heartbeat is older than the staleness limit. */
    public void zombieTasks(Exchange exchange) {
        int limit = Queries.integer(exchange.getIn(), "limit", 100, 1, 10_000);
        ArrayNode tasks = Json.array();
        for (OverdueTask task : janitor.zombies(limit)) {
            ObjectNode node = tasks.addObject();
            node.put("task_id", task.taskId());
            node.put("job_id", task.jobId());
            node.put("job_type", task.jobType());
            node.put("stage", task.stage());
            node.put("worker", task.claimedBy());
            node.put("attempt", task.attempt());
            node.put("max_attempts", task.maxAttempts());
            node.put("heartbeat_at", task.since() == null ? null : task.since().toString());
            node.put("age_seconds", Math.round(task.ageSeconds() * 10) / 10.0);
        }
        ObjectNode body = Json.object();
        body.put("stale_after_seconds", janitor.settings().staleAfter().toSeconds());
        body.set("tasks", tasks);
        HttpReplies.json(exchange, 200, body);
    }

    /** POST /api/dbadmin/janitor/run: one sweep now, recorded with the caller; lists every repair it made. */
    public void runJanitor(Exchange exchange) {
        JanitorReport report = janitor.sweepAskedBy(Callers.actor(exchange));
        ObjectNode body = Json.object();
        body.put("swept", report.swept());
        if (!report.swept()) body.put("note", "another router holds the janitor lock and is sweeping now");
        ArrayNode actions = body.putArray("actions");
        for (JanitorReport.Action action : report.actions()) {
            ObjectNode node = actions.addObject();
            node.put("action", action.kind());
            node.put("job_id", action.jobId());
            node.put("task_id", action.taskId());
            node.put("detail", action.detail());
        }
        HttpReplies.json(exchange, 200, body);
    }

    /** GET /api/dbadmin/janitor/runs?limit=&before=: recorded sweeps, newest first; {@code next} pages back. */
    public void janitorRuns(Exchange exchange) {
        int limit = Queries.integer(exchange.getIn(), "limit", 20, 1, 500);
        long before = Queries.longInteger(exchange.getIn(), "before", 0, 0, Long.MAX_VALUE);
        List<JanitorRun> runs = janitor.runs(limit, before);
        ObjectNode body = Json.object();
        ArrayNode nodes = body.putArray("runs");
        for (JanitorRun run : runs) {
            ObjectNode node = nodes.addObject();
            node.put("run_id", run.runId());
            node.put("started_at", run.startedAt().toString());
            node.put("finished_at", run.finishedAt().toString());
            node.put("duration_ms", Duration.between(run.startedAt(), run.finishedAt()).toMillis());
            node.put("actor", run.actor());
            node.put("worker", run.worker());
            node.put("action_count", run.actionCount());
            node.set("actions", run.actions());
        }
        body.put("next", runs.size() == limit ? String.valueOf(runs.get(runs.size() - 1).runId()) : null);
        HttpReplies.json(exchange, 200, body);
    }

    /**
     * GET /api/dbadmin/poison?limit=: both poison queues, peeked (left in place), oldest first: task
     * doorbells (wrapped with the reason) and blob events that were not events ({@code blob_events}).
     */
    public void poison(Exchange exchange) {
        int limit = Queries.integer(exchange.getIn(), "limit", 32, 1, 32);
        ArrayNode messages = Json.array();
        for (AzurePoisonQueue.Parked parked : poison.peek(limit)) {
            ObjectNode node = metadata(messages.addObject(), parked);
            node.setAll((ObjectNode) parked.content());
        }
        ArrayNode events = Json.array();
        for (AzurePoisonQueue.Parked parked : blobEventPoison.peek(limit)) {
            metadata(events.addObject(), parked).put("message", parked.text()); // the message as it arrived
        }
        ObjectNode body = Json.object();
        body.put("queue", poison.name());
        body.set("messages", messages);
        ObjectNode blobEvents = body.putObject("blob_events");
        blobEvents.put("queue", blobEventPoison.name());
        blobEvents.set("messages", events);
        HttpReplies.json(exchange, 200, body);
    }

    private static ObjectNode metadata(ObjectNode node, AzurePoisonQueue.Parked parked) {
        node.put("message_id", parked.messageId());
        node.put("parked_at", parked.insertedOn() == null ? null : parked.insertedOn().toString());
        node.put("expires_at", parked.expiresOn() == null ? null : parked.expiresOn().toString());
        return node;
    }
}
