package io.geoetl.raster.catalog;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.geoetl.jobs.Json;

/** The STAC collection catalog_rasters creates on first use; its extent grows with the items written. */
final class CatalogCollection {
    private CatalogCollection() {}

    static ObjectNode of(String id) {
        ObjectNode c = Json.object();
        c.put("type", "Collection");
        c.put("stac_version", "1.0.0");
        c.put("id", id);
        c.put("title", "Rasters " + id);
        c.put("description", "Rasters geoetl's catalog_rasters catalogued where they lie in blob storage");
        c.put("license", "proprietary");
        ObjectNode extent = c.putObject("extent");
        extent.putObject("spatial").putArray("bbox").addArray().add(-180).add(-90).add(180).add(90);
        extent.putObject("temporal").putArray("interval").addArray().addNull().addNull();
        c.putArray("links");
        return c;
    }
}
