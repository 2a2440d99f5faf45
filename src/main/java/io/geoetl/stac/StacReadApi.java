package io.geoetl.stac;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.geoetl.http.support.ApiException;
import io.geoetl.http.support.BodyLimits;
import io.geoetl.http.support.HttpLinks;
import io.geoetl.http.support.HttpReplies;
import io.geoetl.jobs.Json;
import io.geoetl.store.Database;
import io.geoetl.store.StacRepository.StoredCollection;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.apache.camel.Exchange;
import org.apache.camel.Message;

/** The read side of /api/stac: landing, conformance, collections, items, item search, queryables. */
public final class StacReadApi {
    private final Database db;
    private final ItemPages pages;
    private final BodyLimits bodyLimits;
    private final HttpLinks httpLinks;
    private final AssetSigning signing;

    StacReadApi(Database db, ItemPages pages, BodyLimits bodyLimits, HttpLinks httpLinks, AssetSigning signing) {
        this.db = db;
        this.bodyLimits = bodyLimits;
        this.httpLinks = httpLinks;
        this.pages = pages;
        this.signing = signing;
    }

    /** GET /api/stac. */
    public void landing(Exchange exchange) {
        List<String> ids = db.inTransaction(tx -> tx.stac().collections().stream().map(StoredCollection::id).toList());
        HttpReplies.json(exchange, 200, StacDocuments.landing(links(exchange), ids));
    }

    /** GET /api/stac/conformance. */
    public void conformance(Exchange exchange) {
        HttpReplies.json(exchange, 200, StacDocuments.conformance());
    }

    /** GET /api/stac/collections. */
    public void collections(Exchange exchange) {
        StacLinks links = links(exchange);
        ObjectNode body = Json.object();
        var list = body.putArray("collections");
        db.inTransaction(tx -> tx.stac().collections()).forEach(c -> list.add(StacDocuments.collection(c, links)));
        var l = body.putArray("links");
        l.add(StacLinks.link("self", links.url("/collections"), StacLinks.JSON));
        l.add(StacLinks.link("root", links.root(), StacLinks.JSON));
        l.add(StacLinks.link("parent", links.root(), StacLinks.JSON));
        HttpReplies.json(exchange, 200, body);
    }

    /** GET /api/stac/collections/{collectionId}. */
    public void collection(Exchange exchange) {
        String id = exchange.getIn().getHeader("collectionId", String.class);
        HttpReplies.json(exchange, 200, StacDocuments.collection(require(id), links(exchange)));
    }

    /** GET /api/stac/collections/{collectionId}/items/{itemId}[?sign=true]. */
    public void item(Exchange exchange) {
        Message in = exchange.getIn();
        UnaryOperator<ObjectNode> finish = signing.forRequest(in);
        String collection = in.getHeader("collectionId", String.class);
        String id = in.getHeader("itemId", String.class);
        require(collection);
        String content = db.inTransaction(tx -> tx.stac().item(collection, id)).orElseThrow(() -> new ApiException(404, "item_not_found",
                "collection " + collection + " has no item " + id));
        ObjectNode item = finish.apply(StacDocuments.item((ObjectNode) Json.parse(content), links(exchange)));
        HttpReplies.text(exchange, 200, StacLinks.GEOJSON, Json.write(item));
    }

    /**
     * GET /api/stac/collections/{collectionId}/items: the item search of GET /search within one
     * collection (bbox, datetime, limit, token, filter, filter-lang, sortby, fields, sign).
     */
    public void items(Exchange exchange) {
        Message in = exchange.getIn();
        String collection = in.getHeader("collectionId", String.class);
        require(collection);
        SearchRequest request = SearchRequest.fromQuery(in).withinCollection(collection);
        StacLinks links = links(exchange);
        String self = links.items(collection);
        String query = in.getHeader(Exchange.HTTP_QUERY, String.class);
        List<ObjectNode> fixed = List.of(StacLinks.link("self", withQuery(self, query, null), StacLinks.GEOJSON),
                StacLinks.link("root", links.root(), StacLinks.JSON),
                StacLinks.link("collection", links.collection(collection), StacLinks.JSON),
                StacLinks.link("parent", links.collection(collection), StacLinks.JSON));
        pages.reply(exchange, request, links, fixed,
                (rel, token) -> StacLinks.link(rel, withQuery(self, query, token), StacLinks.GEOJSON), signing.forRequest(in));
    }

    /** GET /api/stac/search (sign=true signs the asset hrefs). */
    public void searchGet(Exchange exchange) {
        Message in = exchange.getIn();
        SearchRequest request = SearchRequest.fromQuery(in);
        StacLinks links = links(exchange);
        String self = links.url("/search");
        String query = in.getHeader(Exchange.HTTP_QUERY, String.class);
        List<ObjectNode> fixed = List.of(StacLinks.link("self", withQuery(self, query, null), StacLinks.GEOJSON),
                StacLinks.link("root", links.root(), StacLinks.JSON));
        pages.reply(exchange, request, links, fixed,
                (rel, token) -> StacLinks.link(rel, withQuery(self, query, token), StacLinks.GEOJSON), signing.forRequest(in));
    }

    /**
     * POST /api/stac/search: the same search with a JSON body; paging links repeat the body with
     * the token (and the URL keeps ?sign=true when it was asked for).
     */
    public void searchPost(Exchange exchange) {
        JsonNode body = bodyLimits.json(exchange);
        SearchRequest request = SearchRequest.fromBody(body);
        StacLinks links = links(exchange);
        boolean sign = AssetSigning.asked(exchange.getIn());
        String self = links.url("/search") + (sign ? "?" + AssetSigning.PARAMETER + "=true" : "");
        List<ObjectNode> fixed = List.of(StacLinks.link("root", links.root(), StacLinks.JSON));
        pages.reply(exchange, request, links, fixed, (rel, token) -> {
            ObjectNode next = ((ObjectNode) body).deepCopy();
            next.put("token", token);
            ObjectNode link = StacLinks.link(rel, self, StacLinks.GEOJSON).put("method", "POST");
            link.set("body", next);
            return link;
        }, signing.forRequest(exchange.getIn()));
    }

    /** GET /api/stac/queryables: the properties a filter may use in any collection. */
    public void queryables(Exchange exchange) {
        Map<String, String> names = db.inTransaction(tx -> tx.stac().queryables(List.<String>of()));
        HttpReplies.text(exchange, 200, "application/schema+json", Json.write(QueryablesSchema.schema(links(exchange).url("/queryables"), names)));
    }

    /** GET /api/stac/collections/{collectionId}/queryables. */
    public void collectionQueryables(Exchange exchange) {
        String collection = exchange.getIn().getHeader("collectionId", String.class);
        require(collection);
        Map<String, String> names = db.inTransaction(tx -> tx.stac().queryables(collection));
        HttpReplies.text(exchange, 200, "application/schema+json",
                Json.write(QueryablesSchema.schema(links(exchange).collection(collection) + "/queryables", names)));
    }

    private StoredCollection require(String id) {
        return db.inTransaction(tx -> tx.stac().collection(id)).orElseThrow(() -> new ApiException(404, "collection_not_found",
                "there is no collection " + id + "; GET /api/stac/collections lists them"));
    }

    private StacLinks links(Exchange exchange) {
        return StacLinks.of(httpLinks, exchange.getIn());
    }

    /** {@code base} with the request's query parameters, the token replaced by {@code token} (or dropped when null). */
    private static String withQuery(String base, String raw, String token) {
        List<String> parts = new ArrayList<>();
        if (raw != null) {
            for (String part : raw.split("&")) {
                if (!part.isEmpty() && !part.startsWith("token=")) parts.add(part);
            }
        }
        if (token != null) parts.add("token=" + URLEncoder.encode(token, StandardCharsets.UTF_8));
        return parts.isEmpty() ? base : base + "?" + String.join("&", parts);
    }
}
