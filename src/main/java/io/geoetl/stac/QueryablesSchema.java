package io.geoetl.stac;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.geoetl.jobs.Json;
import java.util.Map;

/**
 * The queryables document (JSON Schema) of the filter extension: the core fields every item
 * has, plus the properties seen in the items, typed by their JSON type.
 */
final class QueryablesSchema {
    private QueryablesSchema() {}

    static ObjectNode schema(String id, Map<String, String> properties) {
        ObjectNode schema = Json.object();
        schema.put("$schema", "https://json-schema.org/draft/2019-09/schema");
        schema.put("$id", id);
        schema.put("type", "object");
        schema.put("title", "Queryables");
        ObjectNode p = schema.putObject("properties");
        p.putObject("id").put("description", "Item id").put("type", "string");
        p.putObject("collection").put("description", "Collection id").put("type", "string");
        p.putObject("geometry").put("description", "Item geometry").put("$ref", "https://geojson.org/schema/Geometry.json");
        p.putObject("datetime").put("description", "Item datetime (the start of a range)").put("type", "string").put("format", "date-time");
        properties.forEach((name, jsonType) -> {
            if (p.has(name)) return;
            ObjectNode property = p.putObject(name);
            property.put("type", jsonType);
            if (name.endsWith("datetime") && jsonType.equals("string")) property.put("format", "date-time");
        });
        schema.put("additionalProperties", false);
        return schema;
    }
}
