package io.geoetl.stac;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.geoetl.jobs.Json;

/** Pieces of STAC documents that every module writing items needs the same way. */
public final class StacShapes {
    private StacShapes() {}

    /**
     * A longitude/latitude bbox {west, south, east, north} as a GeoJSON geometry: a polygon, or a
     * point or a line when the box has no area (one feature, or features on one meridian).
     */
    public static ObjectNode outline(double[] b) {
        ObjectNode geometry = Json.object();
        if (b[0] == b[2] && b[1] == b[3]) {
            geometry.put("type", "Point");
            geometry.putArray("coordinates").add(b[0]).add(b[1]);
        } else if (b[0] == b[2] || b[1] == b[3]) {
            geometry.put("type", "LineString");
            ArrayNode line = geometry.putArray("coordinates");
            line.addArray().add(b[0]).add(b[1]);
            line.addArray().add(b[2]).add(b[3]);
        } else {
            geometry.put("type", "Polygon");
            ArrayNode ring = geometry.putArray("coordinates").addArray();
            ring.addArray().add(b[0]).add(b[1]);
            ring.addArray().add(b[2]).add(b[1]);
            ring.addArray().add(b[2]).add(b[3]);
            ring.addArray().add(b[0]).add(b[3]);
            ring.addArray().add(b[0]).add(b[1]);
        }
        return geometry;
    }

    /**
     * A collection a module creates on first use: its extent starts as the whole world and all
     * time, and follows its items from then on (the repository keeps it).
     */
    public static ObjectNode newCollection(String id, String title, String description) {
        ObjectNode c = Json.object();
        c.put("type", "Collection");
        c.put("stac_version", "1.0.0");
        c.put("id", id);
        c.put("title", title);
        c.put("description", description);
        c.put("license", "proprietary");
        ObjectNode extent = c.putObject("extent");
        extent.putObject("spatial").putArray("bbox").addArray().add(-180).add(-90).add(180).add(90);
        extent.putObject("temporal").putArray("interval").addArray().addNull().addNull();
        c.putArray("links");
        return c;
    }
}
