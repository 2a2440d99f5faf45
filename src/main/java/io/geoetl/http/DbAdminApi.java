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
import org.apache.camel.Exchange;

/** The /api/dbadmin endpoints: stale tasks, a janitor sweep on demand, the poison queue. */
public final class DbAdminApi {
    private final Janitor janitor;
    private final AzurePoisonQueue poison;

    public DbAdminApi(Janitor janitor, AzurePoisonQueue poison) {
        this.janitor = janitor;
        this.poison = poison;
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

    /** POST /api/dbadmin/janitor/run: one sweep now; lists every repair it made. */
    public void runJanitor(Exchange exchange) {
        JanitorReport report = janitor.sweep();
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

    /** GET /api/dbadmin/poison?limit=: parked doorbells (peeked, left in the queue), oldest first. */
    public void poison(Exchange exchange) {
        int limit = Queries.integer(exchange.getIn(), "limit", 32, 1, 32);
        ArrayNode messages = Json.array();
        for (AzurePoisonQueue.Parked parked : poison.peek(limit)) {
            ObjectNode node = messages.addObject();
            node.put("message_id", parked.messageId());
            node.put("parked_at", parked.insertedOn() == null ? null : parked.insertedOn().toString());
            node.setAll((ObjectNode) parked.content());
        }
        ObjectNode body = Json.object();
        body.put("queue", poison.name());
        body.set("messages", messages);
        HttpReplies.json(exchange, 200, body);
    }
}
