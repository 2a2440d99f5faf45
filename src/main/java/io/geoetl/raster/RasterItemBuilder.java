package io.geoetl.raster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.geoetl.gdal.GdalRuntime;
import io.geoetl.gdal.SensorMetadata;
import io.geoetl.jobs.Json;
import io.geoetl.stac.StacShapes;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.gdal.gdal.Dataset;

/**
 * Puts a raster's STAC item together (STAC 1.0.0 with the projection, raster, file, processing
 * and, for multispectral data, eo extensions): geometry and bbox in longitude/latitude, the
 * projection of the COGs, one asset per COG (raster:bands, file:size, file:checksum), the
 * thumbnail, provenance from the source blob to each COG, and TiTiler links when one is
 * configured. Holds no job state, so catalog_rasters can build items with it too.
 */
public final class RasterItemBuilder {
    public static final String PROJECTION = "https://stac-extensions.github.io/projection/v1.1.0/schema.json";
    public static final String RASTER = "https://stac-extensions.github.io/raster/v1.1.0/schema.json";
    public static final String FILE = "https://stac-extensions.github.io/file/v2.1.0/schema.json";
    public static final String PROCESSING = "https://stac-extensions.github.io/processing/v1.2.0/schema.json";
    public static final String EO = "https://stac-extensions.github.io/eo/v1.1.0/schema.json";
    public static final String COG_MEDIA_TYPE = "image/tiff; application=geotiff; profile=cloud-optimized";
    private static final Map<String, String> COMMON_NAMES = Map.of("Red", "red", "Green", "green", "Blue", "blue");
    private final String titilerUrl;

    /** {@code titilerUrl}: geoetl.raster.titiler-url, empty for no TiTiler links. */
    public RasterItemBuilder(String titilerUrl) {
        this.titilerUrl = titilerUrl == null ? "" : titilerUrl.replaceAll("/+$", "");
    }

    /** One COG of the item: its tier (the asset key), where it is, its bytes' size and SHA-256, and {@link CogFacts}. */
    public record Cog(String tier, String href, long size, String sha256, JsonNode facts) {}

    /** What the item is made of. {@code sensor} holds the STAC fields read from the source ({@link #sensorProperties}). */
    public record Input(String collection, String itemId, String jobId, RasterType type, JsonNode sensor, String sourceHref,
                        String sourceSha256, List<Cog> cogs, String thumbnailHref, Instant processed) {}

    /**
     * The STAC fields the source file carries ({@link SensorMetadata}: TIFF tags, EXIF, the IMD,
     * RPC and IMAGERY domains, band descriptions), read while the source is open in the validate
     * stage and merged into the item's properties by {@link #build}.
     */
    public static ObjectNode sensorProperties(Dataset source) {
        return Json.MAPPER.valueToTree(SensorMetadata.read(source).properties());
    }

    public ObjectNode build(Input in) {
        JsonNode grid = in.cogs().get(0).facts();
        ObjectNode item = Json.object();
        item.put("type", "Feature");
        item.put("stac_version", "1.0.0");
        Set<String> extensions = new LinkedHashSet<>(List.of(PROJECTION, RASTER, FILE, PROCESSING));
        if (in.type() == RasterType.MULTISPECTRAL) extensions.add(EO);
        List<String> sensorFields = new ArrayList<>();
        in.sensor().fieldNames().forEachRemaining(sensorFields::add);
        extensions.addAll(SensorMetadata.extensionSchemasFor(sensorFields));
        extensions.forEach(item.putArray("stac_extensions")::add);
        item.put("id", in.itemId());
        item.put("collection", in.collection());
        double[] bbox = new double[4];
        for (int i = 0; i < 4; i++) bbox[i] = grid.get("bbox").get(i).asDouble();
        item.set("geometry", StacShapes.outline(bbox));
        item.set("bbox", grid.get("bbox").deepCopy());
        item.set("properties", properties(in, grid));
        item.putArray("links");
        if (!titilerUrl.isEmpty()) titilerLinks(item.withArray("links"), in);
        ObjectNode assets = item.putObject("assets");
        for (Cog cog : in.cogs()) assets.set(cog.tier(), cogAsset(cog, in.type()));
        assets.putObject("thumbnail").put("href", in.thumbnailHref()).put("type", "image/png").put("title", "Thumbnail (PNG, rendered by GDAL)")
                .putArray("roles").add("thumbnail");
        return item;
    }

    private static ObjectNode properties(Input in, JsonNode grid) {
        ObjectNode p = Json.object();
        String processed = in.processed().truncatedTo(ChronoUnit.SECONDS).toString();
        p.put("datetime", processed);
        p.setAll((ObjectNode) in.sensor().deepCopy());
        if (grid.has("epsg")) p.put("proj:epsg", grid.get("epsg").asInt()); else p.put("proj:wkt2", grid.get("wkt2").asText());
        p.set("proj:shape", grid.get("shape").deepCopy());
        p.set("proj:transform", grid.get("transform").deepCopy());
        p.set("proj:bbox", grid.get("proj_bbox").deepCopy());
        p.putObject("processing:software").put("geoetl", geoetlVersion()).put("GDAL", GdalRuntime.version());
        p.put("processing:datetime", processed);
        p.put("processing:lineage", "Cloud-Optimized GeoTIFF(s) written by geoetl process_raster with GDAL's COG driver from "
                + in.sourceHref());
        ArrayNode chain = p.putArray("geoetl:provenance");
        chain.addObject().put("step", "source").put("href", in.sourceHref()).put("sha256", in.sourceSha256());
        for (Cog cog : in.cogs()) {
            chain.addObject().put("step", "cog").put("tier", cog.tier()).put("href", cog.href()).put("sha256", cog.sha256());
        }
        chain.addObject().put("step", "stac_item").put("href", in.collection() + "/" + in.itemId());
        p.put("geoetl:raster_type", in.type().value());
        p.put("geoetl:job_id", in.jobId());
        return p;
    }

    private static ObjectNode cogAsset(Cog cog, RasterType type) {
        ObjectNode asset = Json.object();
        asset.put("href", cog.href());
        asset.put("type", COG_MEDIA_TYPE);
        asset.put("title", "Cloud-Optimized GeoTIFF, " + cog.tier() + " tier");
        asset.putArray("roles").add("data");
        asset.put("file:size", cog.size());
        asset.put("file:checksum", Sha256.multihash(cog.sha256()));
        ArrayNode raster = asset.putArray("raster:bands");
        ArrayNode eo = type == RasterType.MULTISPECTRAL ? asset.putArray("eo:bands") : null;
        int index = 1;
        for (JsonNode band : cog.facts().get("bands")) {
            ObjectNode r = raster.addObject().put("data_type", band.get("data_type").asText());
            if (band.has("nodata")) r.set("nodata", band.get("nodata"));
            r.put("spatial_resolution", cog.facts().get("resolution").asDouble());
            r.set("statistics", band.get("statistics"));
            if (eo != null) {
                ObjectNode e = eo.addObject().put("name", "b" + index);
                String common = COMMON_NAMES.get(band.path("colour").asText());
                if (common != null) e.put("common_name", common);
                if (band.has("description")) e.put("description", band.get("description").asText());
            }
            index++;
        }
        return asset;
    }

    /** tilejson, preview and map viewer of the first COG; for multispectral also true colour, false colour (NIR = band 4) and NDVI. */
    private void titilerLinks(ArrayNode links, Input in) {
        String url = "url=" + encode(in.cogs().get(0).href());
        links.addObject().put("rel", "tilejson").put("href", titilerUrl + "/cog/tilejson.json?" + url)
                .put("type", "application/json").put("title", "TiTiler TileJSON");
        links.addObject().put("rel", "preview").put("href", titilerUrl + "/cog/preview.png?" + url)
                .put("type", "image/png").put("title", "TiTiler preview");
        links.addObject().put("rel", "xyz").put("href", titilerUrl + "/cog/map?" + url)
                .put("type", "text/html").put("title", "TiTiler map viewer");
        if (in.type() == RasterType.MULTISPECTRAL && in.cogs().get(0).facts().get("bands").size() >= 4) {
            links.addObject().put("rel", "tilejson").put("title", "True colour (bands 1, 2, 3)")
                    .put("href", titilerUrl + "/cog/tilejson.json?" + url + "&bidx=1&bidx=2&bidx=3").put("type", "application/json");
            links.addObject().put("rel", "tilejson").put("title", "False colour with NIR (bands 4, 1, 2)")
                    .put("href", titilerUrl + "/cog/tilejson.json?" + url + "&bidx=4&bidx=1&bidx=2").put("type", "application/json");
            links.addObject().put("rel", "tilejson").put("title", "NDVI ((b4 - b1) / (b4 + b1))")
                    .put("href", titilerUrl + "/cog/tilejson.json?" + url + "&expression=" + encode("(b4-b1)/(b4+b1)")
                            + "&rescale=-1,1&colormap_name=rdylgn").put("type", "application/json");
        }
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static String geoetlVersion() {
        String version = RasterItemBuilder.class.getPackage().getImplementationVersion();
        return version == null ? "dev" : version;
    }
}
