package io.geoetl.stac;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.geoetl.jobs.Json;
import io.geoetl.store.StacRepository.StoredCollection;
import java.io.IOException;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;

/** The documents the STAC API serves: stored documents plus the links and extents geoetl maintains. */
final class StacDocuments {
    static final String OPENAPI_TYPE = "application/vnd.oai.openapi+json;version=3.0";
    static final List<String> CONFORMANCE = List.of(
            "https://api.stacspec.org/v1.0.0/core",
            "https://api.stacspec.org/v1.0.0/collections",
            "https://api.stacspec.org/v1.0.0/ogcapi-features",
            "https://api.stacspec.org/v1.0.0/item-search",
            "https://api.stacspec.org/v1.0.0/item-search#sort",
            "https://api.stacspec.org/v1.0.0/item-search#fields",
            "https://api.stacspec.org/v1.0.0-rc.2/item-search#filter",
            "http://www.opengis.net/spec/ogcapi-features-3/1.0/conf/filter",
            "http://www.opengis.net/spec/cql2/1.0/conf/cql2-text",
            "http://www.opengis.net/spec/cql2/1.0/conf/cql2-json",
            "http://www.opengis.net/spec/cql2/1.0/conf/basic-cql2",
            "http://www.opengis.net/spec/cql2/1.0/conf/advanced-comparison-operators",
            "http://www.opengis.net/spec/cql2/1.0/conf/basic-spatial-functions",
            "http://www.opengis.net/spec/cql2/1.0/conf/spatial-functions",
            "http://www.opengis.net/spec/cql2/1.0/conf/temporal-functions",
            "https://api.stacspec.org/v1.0.0/collections/extensions/transaction",
            "https://api.stacspec.org/v1.0.0/ogcapi-features/extensions/transaction",
            "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/core",
            "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/geojson",
            "http://www.opengis.net/spec/ogcapi-features-4/1.0/conf/simpletx");
    private static final DateTimeFormatter UTC = DateTimeFormatter.ISO_INSTANT;

    private StacDocuments() {}

    static ObjectNode landing(StacLinks links, List<String> collectionIds) {
        ObjectNode doc = Json.object();
        doc.put("type", "Catalog");
        doc.put("id", "geoetl");
        doc.put("title", "geoetl STAC API");
        doc.put("description", "Everything geoetl has catalogued: collections and items, with item search");
        doc.put("stac_version", ItemValidator.STAC_VERSION);
        doc.putArray("stac_extensions");
        ArrayNode conformsTo = doc.putArray("conformsTo");
        CONFORMANCE.forEach(conformsTo::add);
        ArrayNode l = doc.putArray("links");
        l.add(StacLinks.link("self", links.root(), StacLinks.JSON));
        l.add(StacLinks.link("root", links.root(), StacLinks.JSON));
        l.add(StacLinks.link("conformance", links.url("/conformance"), StacLinks.JSON));
        l.add(StacLinks.link("data", links.url("/collections"), StacLinks.JSON));
        l.add(StacLinks.link("search", links.url("/search"), StacLinks.GEOJSON).put("method", "GET"));
        l.add(StacLinks.link("search", links.url("/search"), StacLinks.GEOJSON).put("method", "POST"));
        l.add(StacLinks.link("http://www.opengis.net/def/rel/ogc/1.0/queryables", links.url("/queryables"), "application/schema+json"));
        String api = links.root().substring(0, links.root().length() - "/stac".length());
        l.add(StacLinks.link("service-desc", api + "/openapi.json", OPENAPI_TYPE));
        for (String id : collectionIds) l.add(StacLinks.link("child", links.collection(id), StacLinks.JSON));
        return doc;
    }

    static ObjectNode conformance() {
        ObjectNode doc = Json.object();
        ArrayNode conformsTo = doc.putArray("conformsTo");
        CONFORMANCE.forEach(conformsTo::add);
        return doc;
    }

    /** A stored collection with its items' extent (when it has items) and its links. */
    static ObjectNode collection(StoredCollection stored, StacLinks links) {
        ObjectNode doc = (ObjectNode) Json.parse(stored.content());
        if (stored.itemsBbox() != null) {
            ObjectNode extent = doc.putObject("extent");
            ArrayNode box = extent.putObject("spatial").putArray("bbox").addArray();
            for (double v : stored.itemsBbox()) box.add(v);
            ArrayNode interval = extent.putObject("temporal").putArray("interval").addArray();
            interval.add(stored.itemsStart() == null ? null : UTC.format(stored.itemsStart().withOffsetSameInstant(ZoneOffset.UTC)));
            interval.add(stored.itemsEnd() == null ? null : UTC.format(stored.itemsEnd().withOffsetSameInstant(ZoneOffset.UTC)));
        }
        ArrayNode l = Json.array();
        l.add(StacLinks.link("self", links.collection(stored.id()), StacLinks.JSON));
        l.add(StacLinks.link("root", links.root(), StacLinks.JSON));
        l.add(StacLinks.link("parent", links.root(), StacLinks.JSON));
        l.add(StacLinks.link("items", links.items(stored.id()), StacLinks.GEOJSON));
        l.add(StacLinks.link("http://www.opengis.net/def/rel/ogc/1.0/queryables", links.collection(stored.id()) + "/queryables",
                "application/schema+json"));
        JsonNode kept = doc.get("links");
        if (kept != null) kept.forEach(l::add);
        doc.set("links", l);
        return doc;
    }

    /**
     * The document {@link #item} makes of a stored item, written token by token from its stored
     * JSON to {@code json} without building a tree (most of a search page's CPU time otherwise):
     * the members in their stored order, the links in place of the stored ones (or last).
     */
    static void writeItem(JsonGenerator json, String stored, String collection, String id, StacLinks links) throws IOException {
        try (JsonParser item = Json.MAPPER.getFactory().createParser(stored)) {
            if (item.nextToken() != JsonToken.START_OBJECT) throw new IllegalStateException("stored item " + id + " is not a JSON object");
            json.writeStartObject();
            boolean linked = false;
            while (item.nextToken() == JsonToken.FIELD_NAME) {
                String name = item.currentName();
                item.nextToken();
                if (name.equals("links")) {
                    writeLinks(json, collection, id, links, item);
                    linked = true;
                } else {
                    json.writeFieldName(name);
                    json.copyCurrentStructure(item);
                }
            }
            if (!linked) writeLinks(json, collection, id, links, null);
            json.writeEndObject();
        }
    }

    /** self, parent, collection, root, then the stored links ({@code stored} on their array, or null). */
    private static void writeLinks(JsonGenerator json, String collection, String id, StacLinks links, JsonParser stored) throws IOException {
        json.writeArrayFieldStart("links");
        writeLink(json, "self", links.item(collection, id), StacLinks.GEOJSON);
        writeLink(json, "parent", links.collection(collection), StacLinks.JSON);
        writeLink(json, "collection", links.collection(collection), StacLinks.JSON);
        writeLink(json, "root", links.root(), StacLinks.JSON);
        if (stored != null && stored.currentToken() == JsonToken.START_ARRAY) {
            while (stored.nextToken() != JsonToken.END_ARRAY) json.copyCurrentStructure(stored);
        } else if (stored != null) {
            stored.skipChildren();
        }
        json.writeEndArray();
    }

    private static void writeLink(JsonGenerator json, String rel, String href, String type) throws IOException {
        json.writeStartObject();
        json.writeStringField("rel", rel);
        json.writeStringField("href", href);
        json.writeStringField("type", type);
        json.writeEndObject();
    }

    /** A stored item with its links (self, parent, collection, root, then its own). */
    static ObjectNode item(ObjectNode item, StacLinks links) {
        String collection = item.path("collection").asText();
        String id = item.path("id").asText();
        ArrayNode l = Json.array();
        l.add(StacLinks.link("self", links.item(collection, id), StacLinks.GEOJSON));
        l.add(StacLinks.link("parent", links.collection(collection), StacLinks.JSON));
        l.add(StacLinks.link("collection", links.collection(collection), StacLinks.JSON));
        l.add(StacLinks.link("root", links.root(), StacLinks.JSON));
        JsonNode kept = item.get("links");
        if (kept != null) kept.forEach(l::add);
        item.set("links", l);
        return item;
    }
}
