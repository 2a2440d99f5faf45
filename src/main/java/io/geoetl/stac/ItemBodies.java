package io.geoetl.stac;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.geoetl.http.support.BodyLimits;
import io.geoetl.jobs.Json;
import io.geoetl.store.StacRepository.ItemSink;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * Reads the body of POST /collections/{id}/items as a stream: one Feature, or a
 * FeatureCollection whose features are parsed, checked and handed to the sink one at a time
 * (never the whole collection in memory). Problems are collected with their JSON paths.
 */
final class ItemBodies {
    private ItemBodies() {}

    /** What the body held. {@code single} is the one item of a Feature body (null for a FeatureCollection). */
    record Outcome(boolean collection, int features, ObjectNode single) {}

    static Outcome read(InputStream body, String collection, ItemSink sink, Problems problems) {
        try (JsonParser parser = Json.MAPPER.getFactory().createParser(body)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                problems.add("$", "the body must be a GeoJSON Feature (one item) or FeatureCollection (many)");
                return new Outcome(false, 0, null);
            }
            ObjectNode rest = Json.object();
            int features = -1;
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String name = parser.currentName();
                parser.nextToken();
                if (name.equals("features") && parser.currentToken() == JsonToken.START_ARRAY) {
                    features = features(parser, collection, sink, problems);
                } else {
                    rest.set(name, parser.readValueAsTree());
                }
            }
            String type = rest.path("type").asText("");
            if (features >= 0 || type.equals("FeatureCollection")) {
                if (!type.equals("FeatureCollection")) problems.add("$.type", "a body with features must be a FeatureCollection");
                if (features < 0) problems.add("$.features", "a FeatureCollection needs a features array");
                return new Outcome(true, Math.max(features, 0), null);
            }
            ObjectNode item = ItemValidator.check(rest, "$", collection, problems);
            if (item != null) sink.item(item.get("id").asText(), Json.write(item));
            return new Outcome(false, 1, item);
        } catch (JsonProcessingException e) {
            throw BodyLimits.malformed(e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static int features(JsonParser parser, String collection, ItemSink sink, Problems problems) throws IOException {
        int index = 0;
        while (parser.nextToken() != JsonToken.END_ARRAY) {
            JsonNode feature = parser.readValueAsTree();
            ObjectNode item = ItemValidator.check(feature, "$.features[" + index + "]", collection, problems);
            if (item != null && problems.isEmpty()) sink.item(item.get("id").asText(), Json.write(item));
            index++;
        }
        return index;
    }
}
