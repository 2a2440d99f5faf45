package io.geoetl.vector;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.geoetl.jobs.Json;
import io.geoetl.store.ColumnType;
import io.geoetl.store.TableColumn;

/** An attribute column of the target table: which source field fills it, its sanitised name and its type. */
record PlannedColumn(int field, String source, String name, ColumnType type, int ogrType) {

    TableColumn tableColumn() {
        return new TableColumn(name, type);
    }

    ObjectNode toJson() {
        ObjectNode json = Json.object();
        json.put("field", field);
        json.put("source", source);
        json.put("name", name);
        json.put("type", type.name());
        json.put("ogr_type", ogrType);
        return json;
    }

    static PlannedColumn fromJson(JsonNode json) {
        return new PlannedColumn(json.get("field").asInt(), json.get("source").asText(), json.get("name").asText(),
                ColumnType.valueOf(json.get("type").asText()), json.get("ogr_type").asInt());
    }
}
