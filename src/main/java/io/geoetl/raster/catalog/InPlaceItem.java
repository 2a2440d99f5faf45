package io.geoetl.raster.catalog;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.geoetl.raster.RasterItemBuilder;
import io.geoetl.raster.RasterParameters;
import java.util.List;
import java.util.Locale;

/**
 * The STAC item of a raster catalogued in place: {@link RasterItemBuilder}'s item (projection,
 * raster bands, sensor fields) with one asset, {@code data}, whose href is the blob's own URL,
 * and whether it already is a valid COG ({@code geoetl:cog_valid}, with the reasons when not).
 * Its content depends only on the blob (name, ETag, last change, header), never on the run, so a
 * later run over an unchanged blob upserts the same item.
 */
final class InPlaceItem {
    static final String ASSET = "data";
    private final RasterItemBuilder builder;

    InPlaceItem(RasterItemBuilder builder) {
        this.builder = builder;
    }

    /** The item id of a blob: process_raster's rule (its path without the ending, folders joined by '-'). */
    static String itemId(String blobName) {
        return RasterParameters.defaultItemId(blobName);
    }

    ObjectNode build(String collection, String href, InPlaceRaster.Facts facts) {
        var blob = facts.blob();
        ObjectNode item = builder.build(new RasterItemBuilder.Input(collection, itemId(blob.name()), "", facts.type(), facts.sensor(),
                href, "", List.of(new RasterItemBuilder.Cog(ASSET, href, blob.size(), "", facts.grid())), null, blob.lastModified()));
        ObjectNode assets = (ObjectNode) item.get("assets");
        assets.remove("thumbnail");
        ObjectNode asset = (ObjectNode) assets.get(ASSET);
        // the blob was not downloaded, so there is no checksum of its bytes to give
        asset.remove("file:checksum");
        boolean cog = facts.cog() != null && facts.cog().valid();
        asset.put("type", cog ? RasterItemBuilder.COG_MEDIA_TYPE : mediaType(blob.name()));
        asset.put("title", cog ? "The raster where it lies (a valid Cloud-Optimized GeoTIFF)" : "The raster where it lies");
        ObjectNode p = (ObjectNode) item.get("properties");
        p.remove("geoetl:job_id");
        p.remove("geoetl:provenance");
        p.remove("processing:datetime");
        p.put("processing:lineage", "Catalogued in place by geoetl catalog_rasters: read through GDAL's /vsiaz/, not copied");
        p.putObject("geoetl:source").put("href", href).put("etag", blob.etag());
        p.put("geoetl:cog_valid", cog);
        if (facts.cog() != null && !cog) {
            ArrayNode reasons = p.putArray("geoetl:cog_errors");
            facts.cog().errors().forEach(reasons::add);
        }
        return item;
    }

    private static String mediaType(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        if (lower.endsWith(".jp2")) return "image/jp2";
        if (lower.endsWith(".img")) return "application/x-erdas-hfa";
        return "image/tiff; application=geotiff";
    }
}
