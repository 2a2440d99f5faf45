package io.geoetl.features;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.geoetl.jobs.Json;
import io.geoetl.store.FeatureTable;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** The JSON documents of OGC API Features (landing, conformance, collections), links absolute from a base URL. */
final class FeatureDocuments {
    static final String ROOT = "/api/features";
    static final String JSON = "application/json";
    static final String GEOJSON = "application/geo+json";
    static final String OPENAPI = "application/vnd.oai.openapi+json;version=3.0";
    static final String CRS84 = "http://www.opengis.net/def/crs/OGC/1.3/CRS84";
    /** The relation of the templated link to a collection's vector tiles. */
    static final String TILES_REL = "tiles";
    private static final String GREGORIAN = "http://www.opengis.net/def/uom/ISO-8601/0/Gregorian";
    private static final String[] CONFORMANCE = {
        "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/core",
        "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/geojson",
        "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/oas30",
    };

    private FeatureDocuments() {}

    static ObjectNode landing(String base) {
        ObjectNode landing = Json.object();
        landing.put("title", "geoetl: OGC API Features");
        landing.put("description", "Every vector table geoetl has ingested and catalogued (geo.table_catalog), served in CRS84 as GeoJSON");
        ArrayNode links = landing.putArray("links");
        links.add(link(base + ROOT, "self", JSON, "this document"));
        links.add(link(base + "/api/openapi.json", "service-desc", OPENAPI, "the API definition (OpenAPI 3.0)"));
        links.add(link(base + "/api/docs", "service-doc", "text/html", "the API documentation"));
        links.add(link(base + ROOT + "/conformance", "conformance", JSON, "the conformance classes this API implements"));
        links.add(link(base + ROOT + "/collections", "data", JSON, "the catalogued tables"));
        return landing;
    }

    static ObjectNode conformance() {
        ObjectNode conformance = Json.object();
        ArrayNode classes = conformance.putArray("conformsTo");
        for (String uri : CONFORMANCE) classes.add(uri);
        return conformance;
    }

    static ObjectNode collections(String base, Iterable<FeatureTable> tables) {
        ObjectNode document = Json.object();
        document.putArray("links").add(link(base + ROOT + "/collections", "self", JSON, "this document"));
        ArrayNode collections = document.putArray("collections");
        tables.forEach(table -> collections.add(collection(base, table)));
        return document;
    }

    static ObjectNode collection(String base, FeatureTable table) {
        String id = CollectionIds.of(table);
        String href = base + ROOT + "/collections/" + id;
        ObjectNode collection = Json.object();
        collection.put("id", id);
        collection.put("title", table.title());
        collection.put("description", table.geometryType() + " table " + table.schema() + "." + table.table() + ", "
                + table.featureCount() + " feature(s), stored in EPSG:" + table.srid());
        ArrayNode links = collection.putArray("links");
        links.add(link(href, "self", JSON, "this collection"));
        links.add(link(href + "/items", "items", GEOJSON, "its features"));
        // a URI template (RFC 6570) of its Mapbox vector tiles, as OpenLayers and MapLibre take them
        links.add(link(href + "/tiles/{z}/{x}/{y}", TILES_REL, VectorTilesApi.MVT, "its vector tiles (WebMercatorQuad)").put("templated", true));
        ObjectNode extent = collection.putObject("extent");
        if (table.extentCrs84() != null) {
            ObjectNode spatial = extent.putObject("spatial");
            ArrayNode box = spatial.putArray("bbox").addArray();
            for (double value : table.extentCrs84()) box.add(value);
            spatial.put("crs", CRS84);
        }
        if (table.time().isPresent()) {
            ObjectNode temporal = extent.putObject("temporal");
            ArrayNode interval = temporal.putArray("interval").addArray();
            interval.add(instant(table.timeStart()));
            interval.add(instant(table.timeEnd()));
            temporal.put("trs", GREGORIAN);
        }
        collection.put("itemType", "feature");
        collection.putArray("crs").add(CRS84);
        return collection;
    }

    static ObjectNode link(String href, String rel, String type, String title) {
        return Json.object().put("href", href).put("rel", rel).put("type", type).put("title", title);
    }

    static String now() {
        return OffsetDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ISO_INSTANT);
    }

    private static String instant(OffsetDateTime time) {
        return time == null ? null : time.withOffsetSameInstant(ZoneOffset.UTC).format(DateTimeFormatter.ISO_INSTANT);
    }
}
