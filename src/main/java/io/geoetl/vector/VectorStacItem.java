package io.geoetl.vector;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.geoetl.jobs.Json;
import io.geoetl.stac.StacShapes;
import io.geoetl.store.StacRepository;
import io.geoetl.store.VectorTableRepository;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/**
 * The STAC item of a published table (STAC 1.0.0 with the table extension), in the collection
 * geoetl.stac.vector-collection, which is created on first use: geometry and bbox are the data's
 * extent in longitude/latitude, the datetime its time range (or the load time), the properties
 * its row count, geometry type and columns, and the assets its OGC API Features collection and
 * items. Written through {@link StacRepository} in the transaction that publishes the table.
 */
final class VectorStacItem {
    static final String TABLE_EXTENSION = "https://stac-extensions.github.io/table/v1.2.0/schema.json";
    private final String collection;
    private final String baseUrl;

    VectorStacItem(String collection, String baseUrl) {
        this.collection = collection;
        this.baseUrl = baseUrl == null ? "" : baseUrl.replaceAll("/+$", "");
    }

    String collection() {
        return collection;
    }

    static String itemId(String schema, String table) {
        return schema + "." + table;
    }

    /** Upserts the table's item (and the collection when it is missing). */
    void write(StacRepository stac, String jobId, String schema, String table, String title, String geometryType, int srid, long rows,
               double[] bbox, OffsetDateTime start, OffsetDateTime end, JsonNode columns) {
        if (!stac.collectionExists(collection)) stac.upsertCollection(collection, Json.write(collectionDocument()));
        double[] lonLat = srid == 4326 ? bbox : stac.bboxInWgs84(bbox, srid);
        ObjectNode item = Json.object();
        item.put("type", "Feature");
        item.put("stac_version", "1.0.0");
        item.putArray("stac_extensions").add(TABLE_EXTENSION);
        item.put("id", itemId(schema, table));
        item.put("collection", collection);
        item.set("geometry", StacShapes.outline(lonLat));
        ArrayNode box = item.putArray("bbox");
        for (double v : lonLat) box.add(v);
        ObjectNode properties = item.putObject("properties");
        properties.put("title", title);
        if (start != null && end != null) {
            properties.putNull("datetime");
            properties.put("start_datetime", utc(start));
            properties.put("end_datetime", utc(end));
        } else {
            properties.put("datetime", utc(OffsetDateTime.now()));
        }
        properties.put("table:row_count", rows);
        properties.put("table:primary_geometry", VectorTableRepository.GEOMETRY);
        ArrayNode tableColumns = properties.putArray("table:columns");
        columns.forEach(c -> tableColumns.addObject().put("name", c.get("name").asText()).put("type", c.get("type").asText()));
        properties.put("geoetl:geometry_type", geometryType);
        properties.put("geoetl:srid", srid);
        properties.put("geoetl:table", schema + "." + table);
        properties.put("geoetl:job_id", jobId);
        item.putArray("links");
        ObjectNode assets = item.putObject("assets");
        String features = baseUrl + "/api/features/collections/" + table;
        assets.putObject("features").put("href", features).put("type", "application/json").put("title", "OGC API Features collection")
                .putArray("roles").add("metadata");
        assets.putObject("items").put("href", features + "/items").put("type", "application/geo+json").put("title", "Features as GeoJSON")
                .putArray("roles").add("data");
        stac.upsertItems(collection, jobId, sink -> sink.item(item.get("id").asText(), Json.write(item)));
    }

    private ObjectNode collectionDocument() {
        ObjectNode c = StacShapes.newCollection(collection, "Vector datasets",
                "Every table geoetl's ingest_vector has published in PostGIS, with links to its OGC API Features collection");
        c.putArray("stac_extensions").add(TABLE_EXTENSION);
        return c;
    }

    private static String utc(OffsetDateTime time) {
        return time.withOffsetSameInstant(ZoneOffset.UTC).toInstant().toString();
    }
}
