package io.geoetl.stac;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.geoetl.jobs.Json;
import io.geoetl.testing.Api;
import java.time.Instant;
import java.util.List;

/** STAC documents for the tests, and a few API calls that set them up. */
final class StacFixtures {
    static final Instant T0 = Instant.parse("2024-01-01T00:00:00Z");

    private StacFixtures() {}

    static ObjectNode collection(String id) {
        ObjectNode c = Json.object();
        c.put("type", "Collection");
        c.put("stac_version", "1.0.0");
        c.put("id", id);
        c.put("description", "test collection " + id);
        c.put("license", "CC-BY-4.0");
        ObjectNode extent = c.putObject("extent");
        extent.putObject("spatial").putArray("bbox").addArray().add(-180).add(-90).add(180).add(90);
        extent.putObject("temporal").putArray("interval").addArray().add("2020-01-01T00:00:00Z").addNull();
        c.putArray("links");
        return c;
    }

    /** A point item at (lon, lat), {@code hours} after {@link #T0}, with properties n and kind. */
    static ObjectNode item(String id, double lon, double lat, int hours, int n) {
        ObjectNode item = Json.object();
        item.put("type", "Feature");
        item.put("stac_version", "1.0.0");
        item.putArray("stac_extensions");
        item.put("id", id);
        ObjectNode geometry = item.putObject("geometry");
        geometry.put("type", "Point");
        geometry.putArray("coordinates").add(lon).add(lat);
        item.putArray("bbox").add(lon).add(lat).add(lon).add(lat);
        ObjectNode properties = item.putObject("properties");
        properties.put("datetime", T0.plusSeconds(hours * 3600L).toString());
        properties.put("n", n);
        properties.put("kind", n % 2 == 0 ? "even" : "odd");
        item.putArray("links");
        item.putObject("assets").putObject("data").put("href", "https://example.com/" + id + ".tif").put("type", "image/tiff");
        return item;
    }

    static ObjectNode featureCollection(List<ObjectNode> items) {
        ObjectNode fc = Json.object();
        fc.put("type", "FeatureCollection");
        ArrayNode features = fc.putArray("features");
        items.forEach(features::add);
        return fc;
    }

    static void createCollection(Api api, String id) {
        Api.Reply reply = api.post("/api/stac/collections", Json.write(collection(id)));
        if (reply.status() != 201 && reply.status() != 200) throw new AssertionError("collection " + id + ": " + reply.text());
    }

    static JsonNode postItems(Api api, String collection, List<ObjectNode> items) {
        Api.Reply reply = api.post("/api/stac/collections/" + collection + "/items", Json.write(featureCollection(items)));
        if (reply.status() != 200) throw new AssertionError("items into " + collection + ": " + reply.text());
        return reply.body();
    }

    /** Deletes every collection (and so every item). */
    static void deleteAll(Api api) {
        api.get("/api/stac/collections").body().path("collections")
                .forEach(c -> api.send("DELETE", "/api/stac/collections/" + c.get("id").asText(), null));
    }
}
