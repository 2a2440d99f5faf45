package io.geoetl.stac;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.geoetl.jobs.Json;
import java.time.OffsetDateTime;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Checks a STAC 1.0.0 item before it is written (each problem with its JSON path) and returns
 * the document to store: collection set, the links geoetl generates (self, root, parent,
 * collection) left out, stac_extensions and assets present.
 */
final class ItemValidator {
    static final String STAC_VERSION = "1.0.0";
    /** Link relations geoetl writes itself when it serves a document. */
    static final Set<String> GENERATED_RELS = Set.of("self", "root", "parent", "collection", "items");
    private static final double BBOX_TOLERANCE = 1e-7;

    private ItemValidator() {}

    /** The item to store, or null when {@code problems} got something. */
    static ObjectNode check(JsonNode item, String path, String collection, Problems problems) {
        int before = problems.size();
        if (item == null || !item.isObject()) {
            problems.add(path, "an item must be a JSON object (a GeoJSON Feature)");
            return null;
        }
        ObjectNode doc = ((ObjectNode) item).deepCopy();
        if (!"Feature".equals(item.path("type").asText(null))) problems.add(path + ".type", "must be \"Feature\"");
        if (!STAC_VERSION.equals(item.path("stac_version").asText(null))) {
            problems.add(path + ".stac_version", "must be \"" + STAC_VERSION + "\" (the version this catalogue serves), got "
                    + item.path("stac_version"));
        }
        JsonNode id = item.get("id");
        if (id == null || !id.isTextual() || !StacIds.ITEM.matcher(id.asText()).matches()) {
            problems.add(path + ".id", "must be a string of " + StacIds.describeItem() + ", got " + (id == null ? "nothing" : id));
        }
        JsonNode declared = item.get("collection");
        if (declared != null && !declared.isNull() && !collection.equals(declared.asText())) {
            problems.add(path + ".collection", "is '" + declared.asText() + "' but the item is written to collection '" + collection + "'");
        }
        doc.put("collection", collection);
        JsonNode geometry = item.get("geometry");
        double[] extent = null;
        if (geometry == null || geometry.isNull()) {
            problems.add(path + ".geometry", "is required: this catalogue only holds items with a geometry");
        } else {
            extent = GeoJsonGeometry.check(geometry, path + ".geometry", problems);
        }
        checkBbox(item.get("bbox"), extent, path + ".bbox", problems);
        checkProperties(item.get("properties"), path + ".properties", problems);
        checkLinks(item.get("links"), path + ".links", problems);
        checkAssets(item.get("assets"), path + ".assets", problems);
        checkExtensions(item.get("stac_extensions"), path + ".stac_extensions", problems);
        if (problems.size() > before) return null;
        doc.set("links", withoutGeneratedLinks(item.get("links")));
        if (!doc.has("assets")) doc.set("assets", Json.object());
        if (!doc.has("stac_extensions")) doc.set("stac_extensions", Json.array());
        return doc;
    }

    static ArrayNode withoutGeneratedLinks(JsonNode links) {
        ArrayNode kept = Json.array();
        if (links != null && links.isArray()) {
            links.forEach(link -> {
                if (!GENERATED_RELS.contains(link.path("rel").asText())) kept.add(link);
            });
        }
        return kept;
    }

    static void checkLinks(JsonNode links, String path, Problems problems) {
        if (links == null) return;
        if (!links.isArray()) {
            problems.add(path, "must be an array of link objects");
            return;
        }
        for (int i = 0; i < links.size(); i++) {
            JsonNode link = links.get(i);
            if (!link.path("href").isTextual()) problems.add(path + "[" + i + "].href", "every link needs an href string");
            if (!link.path("rel").isTextual()) problems.add(path + "[" + i + "].rel", "every link needs a rel string");
        }
    }

    static void checkExtensions(JsonNode extensions, String path, Problems problems) {
        if (extensions == null) return;
        if (!extensions.isArray()) {
            problems.add(path, "must be an array of schema URLs");
            return;
        }
        for (int i = 0; i < extensions.size(); i++) {
            if (!extensions.get(i).isTextual()) problems.add(path + "[" + i + "]", "must be a schema URL string");
        }
    }

    private static void checkAssets(JsonNode assets, String path, Problems problems) {
        if (assets == null) return;
        if (!assets.isObject()) {
            problems.add(path, "must be an object of assets by key");
            return;
        }
        for (Map.Entry<String, JsonNode> asset : (Iterable<Map.Entry<String, JsonNode>>) assets::fields) {
            JsonNode href = asset.getValue().path("href");
            if (!href.isTextual()) {
                problems.add(path + "." + asset.getKey() + ".href", "every asset needs an href string");
            } else if (carriesSignature(href.asText())) {
                problems.add(path + "." + asset.getKey() + ".href", "carries a SAS signature (sig=); store the plain blob URL, "
                        + "the API signs silver hrefs when asked with ?sign=true");
            }
        }
    }

    /** Tokens never go into the catalogue: a stored signature would be served to every reader. */
    private static boolean carriesSignature(String href) {
        int query = href.indexOf('?');
        if (query < 0) return false;
        for (String part : href.substring(query + 1).split("&")) {
            if (part.toLowerCase(Locale.ROOT).startsWith("sig=")) return true;
        }
        return false;
    }

    private static void checkBbox(JsonNode bbox, double[] extent, String path, Problems problems) {
        if (bbox == null) {
            problems.add(path, "is required for an item with a geometry: [west, south, east, north]");
            return;
        }
        double[] box = Bboxes.read(bbox, path, problems);
        if (box == null || extent == null) return;
        if (extent[0] < box[0] - BBOX_TOLERANCE || extent[1] < box[1] - BBOX_TOLERANCE
                || extent[2] > box[2] + BBOX_TOLERANCE || extent[3] > box[3] + BBOX_TOLERANCE) {
            problems.add(path, "does not match the geometry: the geometry spans [" + extent[0] + ", " + extent[1] + ", "
                    + extent[2] + ", " + extent[3] + "]");
        }
    }

    private static void checkProperties(JsonNode properties, String path, Problems problems) {
        if (properties == null || !properties.isObject()) {
            problems.add(path, "must be an object");
            return;
        }
        JsonNode datetime = properties.get("datetime");
        OffsetDateTime start = dateTime(properties.get("start_datetime"), path + ".start_datetime", problems);
        OffsetDateTime end = dateTime(properties.get("end_datetime"), path + ".end_datetime", problems);
        if (datetime == null) {
            problems.add(path + ".datetime", "is required (a date-time, or null with start_datetime and end_datetime)");
        } else if (datetime.isNull()) {
            if (start == null || end == null) {
                problems.add(path + ".datetime", "is null, so start_datetime and end_datetime are both required");
            }
        } else {
            dateTime(datetime, path + ".datetime", problems);
        }
        if (start != null && end != null && start.isAfter(end)) {
            problems.add(path + ".end_datetime", "is before start_datetime");
        }
    }

    private static OffsetDateTime dateTime(JsonNode value, String path, Problems problems) {
        if (value == null || value.isNull()) return null;
        OffsetDateTime parsed = value.isTextual() ? Rfc3339.parse(value.asText()) : null;
        if (parsed == null) problems.add(path, "must be an RFC 3339 date-time such as 2024-05-01T12:00:00Z, got " + value);
        return parsed;
    }
}
