package io.geoetl.raster.catalog;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.geoetl.stac.StacShapes;

/** The STAC collection catalog_rasters creates on first use; its extent grows with the items written. */
final class CatalogCollection {
    private CatalogCollection() {}

    static ObjectNode of(String id) {
        return StacShapes.newCollection(id, "Rasters " + id, "Rasters geoetl's catalog_rasters catalogued where they lie in blob storage");
    }
}
