package io.geoetl.stac;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Checks a STAC 1.0.0 collection before it is written and returns the document to store (the
 * links geoetl generates left out, stac_extensions present).
 */
final class CollectionValidator {
    private CollectionValidator() {}

    static ObjectNode check(JsonNode collection, Problems problems) {
        if (collection == null || !collection.isObject()) {
            problems.add("$", "a collection must be a JSON object");
            return null;
        }
        if (!"Collection".equals(collection.path("type").asText(null))) problems.add("$.type", "must be \"Collection\"");
        if (!ItemValidator.STAC_VERSION.equals(collection.path("stac_version").asText(null))) {
            problems.add("$.stac_version", "must be \"" + ItemValidator.STAC_VERSION + "\", got " + collection.path("stac_version"));
        }
        JsonNode id = collection.get("id");
        if (id == null || !id.isTextual() || !StacIds.COLLECTION.matcher(id.asText()).matches()) {
            problems.add("$.id", "must be a string of " + StacIds.describeCollection() + ", got " + (id == null ? "nothing" : id));
        }
        if (!collection.path("description").isTextual()) problems.add("$.description", "is required: a string");
        if (!collection.path("license").isTextual()) problems.add("$.license", "is required: an SPDX id, \"various\" or \"proprietary\"");
        checkExtent(collection.get("extent"), problems);
        ItemValidator.checkLinks(collection.get("links"), "$.links", problems);
        ItemValidator.checkExtensions(collection.get("stac_extensions"), "$.stac_extensions", problems);
        if (!problems.isEmpty()) return null;
        ObjectNode doc = ((ObjectNode) collection).deepCopy();
        doc.set("links", ItemValidator.withoutGeneratedLinks(collection.get("links")));
        if (!doc.has("stac_extensions")) doc.putArray("stac_extensions");
        return doc;
    }

    private static void checkExtent(JsonNode extent, Problems problems) {
        if (extent == null || !extent.isObject()) {
            problems.add("$.extent", "is required: {\"spatial\": {\"bbox\": [[…]]}, \"temporal\": {\"interval\": [[start, end]]}}");
            return;
        }
        JsonNode boxes = extent.path("spatial").get("bbox");
        if (boxes == null || !boxes.isArray() || boxes.isEmpty()) {
            problems.add("$.extent.spatial.bbox", "must be a non-empty array of bounding boxes");
        } else {
            for (int i = 0; i < boxes.size(); i++) Bboxes.read(boxes.get(i), "$.extent.spatial.bbox[" + i + "]", problems);
        }
        JsonNode intervals = extent.path("temporal").get("interval");
        if (intervals == null || !intervals.isArray() || intervals.isEmpty()) {
            problems.add("$.extent.temporal.interval", "must be a non-empty array of [start, end] intervals");
            return;
        }
        for (int i = 0; i < intervals.size(); i++) {
            JsonNode interval = intervals.get(i);
            String path = "$.extent.temporal.interval[" + i + "]";
            if (!interval.isArray() || interval.size() != 2) {
                problems.add(path, "must be [start, end], each a date-time or null (open)");
                continue;
            }
            for (int j = 0; j < 2; j++) {
                JsonNode value = interval.get(j);
                if (!value.isNull() && (!value.isTextual() || Rfc3339.parse(value.asText()) == null)) {
                    problems.add(path + "[" + j + "]", "must be an RFC 3339 date-time or null, got " + value);
                }
            }
        }
    }
}
