package io.geoetl.stac;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.geoetl.http.support.ApiException;
import io.geoetl.http.support.BodyLimits;
import io.geoetl.http.support.HttpLinks;
import io.geoetl.http.support.HttpReplies;
import io.geoetl.jobs.Json;
import io.geoetl.store.Database;
import io.geoetl.store.StacRepository;
import io.geoetl.store.StacRepository.UpsertCounts;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.concurrent.Semaphore;
import org.apache.camel.Exchange;
import org.apache.camel.Message;

/**
 * The transactions of /api/stac: create, replace and delete collections and items. Every write
 * is an upsert by id, so a repeated request replaces. A FeatureCollection posted to a
 * collection's items is read from the socket as the client sends it, parsed feature by feature
 * and copied into the database as the features arrive, in one transaction (all or nothing: a
 * bad feature or a body past its limit writes nothing). At most {@code bulkWriters} run at a time,
 * so bulk loads (and slow clients) hold only that many of the HTTP worker threads.
 */
public final class StacWriteApi {
    private final Database db;
    private final BodyLimits bodyLimits;
    private final HttpLinks httpLinks;
    private final Semaphore bulkSlots;

    StacWriteApi(Database db, StacSettings settings, BodyLimits bodyLimits, HttpLinks httpLinks) {
        this.db = db;
        this.bodyLimits = bodyLimits;
        this.httpLinks = httpLinks;
        this.bulkSlots = new Semaphore(settings.bulkWriters());
    }

    /** POST /api/stac/collections: 201 created, 200 replaced. */
    public void createCollection(Exchange exchange) {
        writeCollection(exchange, null);
    }

    /** PUT /api/stac/collections/{collectionId}: the body's id must be the path's. */
    public void replaceCollection(Exchange exchange) {
        writeCollection(exchange, exchange.getIn().getHeader("collectionId", String.class));
    }

    /** DELETE /api/stac/collections/{collectionId}: the collection and all its items. */
    public void deleteCollection(Exchange exchange) {
        String id = exchange.getIn().getHeader("collectionId", String.class);
        if (!db.inTransaction(tx -> tx.stac().deleteCollection(id))) throw collectionNotFound(id);
        noContent(exchange);
    }

    /** POST /api/stac/collections/{collectionId}/items: one Feature, or a FeatureCollection (bulk). */
    public void createItems(Exchange exchange) {
        String collection = exchange.getIn().getHeader("collectionId", String.class);
        if (!bulkSlots.tryAcquire()) {
            throw new ApiException(503, "busy", "the maximum number of item writes (geoetl.stac.bulk-writers) is running; try again shortly");
        }
        try (InputStream body = bodyLimits.jsonStream(exchange)) {
            Problems problems = new Problems();
            ItemBodies.Outcome[] outcome = new ItemBodies.Outcome[1];
            UpsertCounts counts = db.inTransaction(tx -> {
                StacRepository stac = tx.stac();
                if (!stac.collectionExists(collection)) throw collectionNotFound(collection);
                UpsertCounts written = stac.upsertItems(collection, null, sink -> outcome[0] = ItemBodies.read(body, collection, sink, problems));
                if (!problems.isEmpty()) throw problems.toException(outcome[0] != null && outcome[0].collection() ? "the items" : "the item");
                return written;
            });
            if (outcome[0].collection()) {
                ObjectNode reply = Json.object().put("collection", collection).put("features", outcome[0].features())
                        .put("created", counts.created()).put("replaced", counts.replaced());
                HttpReplies.json(exchange, 200, reply);
            } else {
                replyItem(exchange, collection, outcome[0].single(), counts.created() > 0);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            bulkSlots.release();
        }
    }

    /** PUT /api/stac/collections/{collectionId}/items/{itemId}: the body's id must be the path's. */
    public void replaceItem(Exchange exchange) {
        Message in = exchange.getIn();
        String collection = in.getHeader("collectionId", String.class);
        String id = in.getHeader("itemId", String.class);
        JsonNode body = bodyLimits.json(exchange);
        Problems problems = new Problems();
        ObjectNode item = ItemValidator.check(body, "$", collection, problems);
        if (item != null && !id.equals(item.path("id").asText())) problems.add("$.id", "must be '" + id + "', the id in the path");
        if (!problems.isEmpty()) throw problems.toException("the item");
        UpsertCounts counts = db.inTransaction(tx -> {
            if (!tx.stac().collectionExists(collection)) throw collectionNotFound(collection);
            return tx.stac().upsertItems(collection, null, sink -> sink.item(id, Json.write(item)));
        });
        replyItem(exchange, collection, item, counts.created() > 0);
    }

    /** DELETE /api/stac/collections/{collectionId}/items/{itemId}. */
    public void deleteItem(Exchange exchange) {
        Message in = exchange.getIn();
        String collection = in.getHeader("collectionId", String.class);
        String id = in.getHeader("itemId", String.class);
        boolean deleted = db.inTransaction(tx -> {
            if (!tx.stac().collectionExists(collection)) throw collectionNotFound(collection);
            return tx.stac().deleteItem(collection, id);
        });
        if (!deleted) throw new ApiException(404, "item_not_found", "collection " + collection + " has no item " + id);
        noContent(exchange);
    }

    private void writeCollection(Exchange exchange, String pathId) {
        JsonNode body = bodyLimits.json(exchange);
        Problems problems = new Problems();
        ObjectNode collection = CollectionValidator.check(body, problems);
        if (collection != null && pathId != null && !pathId.equals(collection.path("id").asText())) {
            problems.add("$.id", "must be '" + pathId + "', the id in the path");
        }
        if (!problems.isEmpty()) throw problems.toException("the collection");
        String id = collection.get("id").asText();
        boolean created = db.inTransaction(tx -> tx.stac().upsertCollection(id, Json.write(collection)));
        StacLinks links = StacLinks.of(httpLinks, exchange.getIn());
        var stored = db.inTransaction(tx -> tx.stac().collection(id)).orElseThrow();
        HttpReplies.json(exchange, created ? 201 : 200, StacDocuments.collection(stored, links));
        exchange.getMessage().setHeader("Location", links.collection(id));
    }

    private void replyItem(Exchange exchange, String collection, ObjectNode item, boolean created) {
        StacLinks links = StacLinks.of(httpLinks, exchange.getIn());
        HttpReplies.text(exchange, created ? 201 : 200, StacLinks.GEOJSON, Json.write(StacDocuments.item(item.deepCopy(), links)));
        exchange.getMessage().setHeader("Location", links.item(collection, item.get("id").asText()));
    }

    private static void noContent(Exchange exchange) {
        Message out = exchange.getMessage();
        out.removeHeaders("*");
        out.setHeader(Exchange.HTTP_RESPONSE_CODE, 204);
        out.setBody(null);
    }

    private static ApiException collectionNotFound(String id) {
        return new ApiException(404, "collection_not_found", "there is no collection " + id + "; create it first (POST /api/stac/collections)");
    }
}
