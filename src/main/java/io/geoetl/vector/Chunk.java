package io.geoetl.vector;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.geoetl.jobs.BadInputException;
import io.geoetl.jobs.Json;
import org.gdal.ogr.Layer;

/**
 * One load task's share of the layer: {@code count} features from position {@code first}
 * (0-based). Where the layer has an indexed FID column (GeoPackage) the chunk also carries the FID
 * range it covers, so reading starts there directly instead of skipping {@code first} features.
 */
record Chunk(int batch, long first, long count, Long fidFrom, Long fidTo) {

    /** Positions the layer's reading at the chunk's first feature. */
    void position(Layer layer, String fidColumn) {
        if (fidFrom != null) {
            String fid = "\"" + fidColumn.replace("\"", "\"\"") + "\"";
            String filter = fid + " >= " + fidFrom + (fidTo == null ? "" : " AND " + fid + " < " + fidTo);
            if (layer.SetAttributeFilter(filter) != 0) throw new IllegalStateException("FID filter refused: " + filter);
            layer.ResetReading();
        } else if (first == 0) {
            layer.ResetReading();
        } else if (layer.SetNextByIndex(first) != 0) {
            throw new BadInputException("layer " + layer.GetName() + " has fewer than " + first + " features; the source changed since it was planned");
        }
    }

    ObjectNode toJson() {
        ObjectNode json = Json.object();
        json.put("batch", batch);
        json.put("first", first);
        json.put("count", count);
        if (fidFrom != null) json.put("fid_from", fidFrom);
        if (fidTo != null) json.put("fid_to", fidTo);
        return json;
    }

    static Chunk fromJson(JsonNode json) {
        return new Chunk(json.get("batch").asInt(), json.get("first").asLong(), json.get("count").asLong(),
                json.hasNonNull("fid_from") ? json.get("fid_from").asLong() : null,
                json.hasNonNull("fid_to") ? json.get("fid_to").asLong() : null);
    }
}
