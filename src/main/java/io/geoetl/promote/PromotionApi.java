package io.geoetl.promote;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.geoetl.http.support.ApiException;
import io.geoetl.http.support.HttpReplies;
import io.geoetl.http.support.Queries;
import io.geoetl.jobs.Json;
import io.geoetl.store.Database;
import io.geoetl.store.Promotion;
import io.geoetl.store.ScheduleEvent;
import io.geoetl.store.TableName;
import java.util.List;
import java.util.Set;
import org.apache.camel.Exchange;
import org.apache.camel.Message;

/** GET /api/promotions, /api/promotions/{job_id} and /api/promotion-schedule/events (routes/promotion.yaml). */
public final class PromotionApi {
    private static final Set<String> STATUSES = Set.of("running", "completed", "failed");
    private static final Set<String> OUTCOMES = Set.of("submitted", "skipped", "refused");
    private final Database db;

    PromotionApi(Database db) {
        this.db = db;
    }

    /** GET /api/promotions?status=&target=&limit=&offset=: newest first. */
    public void list(Exchange exchange) {
        Message in = exchange.getIn();
        String status = oneOf(in, "status", STATUSES);
        String target = tableQuery(in, "target");
        int limit = Queries.integer(in, "limit", 50, 1, 500);
        int offset = Queries.integer(in, "offset", 0, 0, Integer.MAX_VALUE);
        List<Promotion> promotions = db.inTransaction(tx -> tx.promotions().list(status, target, limit, offset));
        ObjectNode body = Json.object();
        ArrayNode items = body.putArray("promotions");
        promotions.forEach(p -> items.add(PromotionJson.of(p)));
        body.put("limit", limit);
        body.put("offset", offset);
        HttpReplies.json(exchange, 200, body);
    }

    /** GET /api/promotions/{job_id}. */
    public void get(Exchange exchange) {
        String jobId = exchange.getIn().getHeader("job_id", String.class);
        Promotion promotion = jobId != null && jobId.matches("[0-9a-f]{64}") ? db.inTransaction(tx -> tx.promotions().find(jobId)) : null;
        if (promotion == null) {
            throw new ApiException(404, "promotion_not_found", "no promotion with job id " + jobId + "; GET /api/promotions lists them");
        }
        HttpReplies.json(exchange, 200, PromotionJson.of(promotion));
    }

    /** GET /api/promotion-schedule/events?target=&outcome=&limit=: what scheduled runs submitted, skipped or refused, newest first. */
    public void scheduleEvents(Exchange exchange) {
        Message in = exchange.getIn();
        String target = tableQuery(in, "target");
        String outcome = oneOf(in, "outcome", OUTCOMES);
        int limit = Queries.integer(in, "limit", 100, 1, 1000);
        List<ScheduleEvent> events = db.inTransaction(tx -> tx.promotions().scheduleEvents(target, outcome, limit));
        ObjectNode body = Json.object();
        ArrayNode items = body.putArray("events");
        for (ScheduleEvent e : events) {
            ObjectNode item = items.addObject();
            item.put("event_id", e.eventId());
            item.put("source", e.source());
            item.put("target", e.target());
            item.put("outcome", e.outcome());
            item.put("job_id", e.jobId());
            item.put("blocking_job", e.blockingJob());
            item.put("reason", e.reason());
            item.put("created_at", e.createdAt().toString());
        }
        HttpReplies.json(exchange, 200, body);
    }

    static String tableQuery(Message in, String name) {
        String text = in.getHeader(name, String.class);
        if (text == null || text.isBlank()) return null;
        if (TableName.parseOrNull(text.trim()) == null) {
            throw new ApiException(400, "invalid_query", name + " must be schema.table (lower-case letters, digits, underscores), got '" + text + "'");
        }
        return text.trim();
    }

    private static String oneOf(Message in, String name, Set<String> allowed) {
        String text = in.getHeader(name, String.class);
        if (text == null || text.isBlank()) return null;
        if (!allowed.contains(text.trim())) {
            throw new ApiException(400, "invalid_query", name + " must be one of " + allowed.stream().sorted().toList() + ", got '" + text + "'");
        }
        return text.trim();
    }
}
