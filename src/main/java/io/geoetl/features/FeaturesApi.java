package io.geoetl.features;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.geoetl.http.support.ApiException;
import io.geoetl.http.support.HttpLinks;
import io.geoetl.http.support.HttpReplies;
import io.geoetl.http.support.StreamedReplies;
import io.geoetl.jobs.Json;
import io.geoetl.store.FeatureCursor;
import io.geoetl.store.FeatureRepository;
import io.geoetl.store.FeatureTable;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.camel.Exchange;
import org.apache.camel.Message;

/**
 * OGC API Features over the catalogued tables (routes/features-api.yaml): landing page,
 * conformance, collections, items and single features. Items stream from a database cursor.
 */
public final class FeaturesApi {
    private final FeatureRepository features;
    private final HttpLinks links;
    private final int defaultLimit;
    private final int maxLimit;
    private final StreamedReplies replies;
    private final CollectionLookup collections;

    public FeaturesApi(FeatureRepository features, HttpLinks links, StreamedReplies replies, int defaultLimit, int maxLimit) {
        if (defaultLimit < 1 || defaultLimit > maxLimit) {
            throw new IllegalStateException("geoetl.features.default-limit (" + defaultLimit + ") must lie within 1..geoetl.features.max-limit ("
                    + maxLimit + ")");
        }
        this.features = features;
        this.links = links;
        this.defaultLimit = defaultLimit;
        this.maxLimit = maxLimit;
        this.replies = replies;
        this.collections = new CollectionLookup(features);
    }

    public void landing(Exchange exchange) {
        HttpReplies.json(exchange, 200, FeatureDocuments.landing(links.base(exchange.getIn())));
    }

    public void conformance(Exchange exchange) {
        HttpReplies.json(exchange, 200, FeatureDocuments.conformance());
    }

    public void collections(Exchange exchange) {
        HttpReplies.json(exchange, 200, FeatureDocuments.collections(links.base(exchange.getIn()), features.tables()));
    }

    /** One collection, with its catalog row under {@code geoetl:catalog}. */
    public void collection(Exchange exchange) {
        FeatureTable table = table(exchange.getIn());
        ObjectNode collection = FeatureDocuments.collection(links.base(exchange.getIn()), table);
        String row = features.catalogRow(table);
        if (row != null) collection.set("geoetl:catalog", Json.parse(row));
        HttpReplies.json(exchange, 200, collection);
    }

    /**
     * One page of features, streamed: a reply writer reads the cursor while the client reads the
     * page, and a client that leaves or stops reading ends the writer and releases the cursor.
     */
    public void items(Exchange exchange) {
        Message in = exchange.getIn();
        FeatureTable table = table(in);
        Map<String, String> parameters = QueryString.parse(in.getHeader(Exchange.HTTP_RAW_QUERY, String.class));
        ItemsRequest request = ItemsRequest.parse(table, parameters, defaultLimit, maxLimit);
        long matched = features.count(request.query());
        String items = links.base(in) + FeatureDocuments.ROOT + "/collections/" + CollectionIds.of(table) + "/items";
        String head = "{\"type\":\"FeatureCollection\",\"timeStamp\":\"" + FeatureDocuments.now() + "\",\"numberMatched\":" + matched
                + ",\"features\":[";
        String links = Json.write(FeatureDocuments.link(pageUrl(items, parameters, null), "self", FeatureDocuments.GEOJSON, "this page"))
                + "," + Json.write(FeatureDocuments.link(items.substring(0, items.length() - "/items".length()), "collection",
                FeatureDocuments.JSON, "the collection"));
        replies.stream(exchange, 200, FeatureDocuments.GEOJSON, out -> {
            FeatureCursor cursor = features.items(request.query(), request.after(), request.limit() + 1);
            try (FeatureCollectionStream body = new FeatureCollectionStream(head, cursor, request.limit(), links,
                    lastId -> Json.write(FeatureDocuments.link(pageUrl(items, parameters, lastId), "next", FeatureDocuments.GEOJSON, "the next page")))) {
                body.transferTo(out);
            }
        });
    }

    public void item(Exchange exchange) {
        Message in = exchange.getIn();
        FeatureTable table = table(in);
        String id = in.getHeader("featureId", String.class);
        long key;
        try {
            key = Long.parseLong(id);
        } catch (NumberFormatException e) {
            throw featureNotFound(table, id);
        }
        ObjectNode feature = (ObjectNode) Json.parse(features.item(table, key).orElseThrow(() -> featureNotFound(table, id)));
        String collection = links.base(in) + FeatureDocuments.ROOT + "/collections/" + CollectionIds.of(table);
        feature.putArray("links")
                .add(FeatureDocuments.link(collection + "/items/" + key, "self", FeatureDocuments.GEOJSON, "this feature"))
                .add(FeatureDocuments.link(collection, "collection", FeatureDocuments.JSON, "the collection"));
        HttpReplies.text(exchange, 200, FeatureDocuments.GEOJSON, Json.write(feature));
    }

    private FeatureTable table(Message in) {
        return collections.table(in);
    }

    private static ApiException featureNotFound(FeatureTable table, String id) {
        return new ApiException(404, "feature_not_found", "collection " + CollectionIds.of(table) + " has no feature '" + id + "'");
    }

    /** The items URL with the request's parameters, the keyset position replaced by {@code after} (none for null). */
    private static String pageUrl(String items, Map<String, String> parameters, Long after) {
        Map<String, String> query = new LinkedHashMap<>(parameters);
        query.remove(ItemsRequest.AFTER);
        if (after != null) query.put(ItemsRequest.AFTER, Long.toString(after));
        return query.isEmpty() ? items : items + "?" + QueryString.format(query);
    }
}
