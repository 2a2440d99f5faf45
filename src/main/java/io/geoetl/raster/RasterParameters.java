package io.geoetl.raster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.geoetl.jobs.ParameterReader;
import io.geoetl.jobs.ParameterSchema;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The parameters of a process_raster job (docs/rasters.md): declared once in {@link #schema},
 * read back from a stored job by {@link #of}.
 */
public record RasterParameters(String container, String blobName, String collectionId, String itemId, String rasterType,
                               String tier, String targetCrs, String sourceCrs, int jpegQuality, boolean overwrite) {
    static final String AUTO = "auto";
    static final String ALL = "all";
    /** Endings a source may have: a raster GDAL reads, or a zip holding one (an SRTM .hgt.zip, say). */
    static final List<String> ENDINGS = List.of(".tif", ".tiff", ".jp2", ".img", ".hgt", ".zip");
    private static final Pattern CONTAINER = Pattern.compile("^[a-z0-9](?:[a-z0-9]|-(?=[a-z0-9])){2,62}$");
    private static final Pattern BLOB_NAME = Pattern.compile("^[^\\x00-\\x1f\\\\]{1,1024}$");
    private static final Pattern BLOB_PREFIX = Pattern.compile("^[^\\x00-\\x1f\\\\]{0,1024}$");
    /** As the STAC API accepts them (io.geoetl.stac.StacIds), without ':' so they stay plain in blob names. */
    private static final Pattern COLLECTION_ID = Pattern.compile("^[A-Za-z0-9_][A-Za-z0-9_.\\-]{0,99}$");
    private static final Pattern ITEM_ID = Pattern.compile("^[A-Za-z0-9_][A-Za-z0-9_.\\-]{0,199}$");

    /** The declaration behind validation and GET /api/job-types; {@code defaultCollection} is geoetl.raster.collection. */
    static ParameterSchema schema(String defaultCollection) {
        return new ParameterSchema()
                .string("blob_name", "Path of the raster blob (" + String.join(", ", ENDINGS) + "; a .zip must hold one raster);"
                        + " give it or blob_prefix.", null, BLOB_NAME, "must be a blob path of 1-1024 characters")
                .string("blob_prefix", "Name prefix: every raster (" + String.join(", ", PrefixRasters.ENDINGS) + ") under it into one"
                        + " collection, after a check that they share CRS, band count and data type; give it or blob_name.", null,
                        BLOB_PREFIX, "must be at most 1024 characters, no control characters")
                .string("container", "Blob container.", "bronze", CONTAINER,
                        "must be an Azure container name (3-63 lower-case letters, digits, dashes)")
                .string("collection_id", "STAC collection of the item (created on first use).", defaultCollection, COLLECTION_ID,
                        "must be 1-100 letters, digits, '_', '.' or '-'")
                .string("item_id", "STAC item id (default: the blob's path without its ending, '/' as '-').", null, ITEM_ID,
                        "must be 1-200 letters, digits, '_', '.' or '-'")
                .oneOf("raster_type", "What the raster holds; decides resampling (auto: from bands, data types and colours).", AUTO,
                        List.of(AUTO, "rgb", "rgba", "dem", "categorical", "multispectral", "continuous"))
                .oneOf("tier", "COG profile: analysis (DEFLATE), visualization (YCbCr JPEG), archive (LZW) or all of them.",
                        Tier.ANALYSIS.value(), List.of("analysis", "visualization", "archive", ALL))
                .string("target_crs", "EPSG:n to reproject to (default: keep the source CRS).", null, RasterCrs.CODE,
                        "must be an EPSG or ESRI code such as EPSG:3857")
                .string("source_crs", "EPSG:n or ESRI:n overriding (or supplying) the file's CRS.", null, RasterCrs.CODE,
                        "must be an EPSG or ESRI code such as EPSG:32618")
                .integer("jpeg_quality", "JPEG quality of the visualization tier.", 85, 1, 100)
                .bool("overwrite", "Replace an item (and its COGs) another job wrote.", false);
    }

    /** Validates raw parameters against {@code schema}: fills in item_id and checks the endings and CRS codes. */
    static ObjectNode normalise(ParameterSchema schema, JsonNode raw) {
        ParameterReader reader = schema.read(raw);
        String blobName = reader.string("blob_name");
        reader.string("blob_prefix");
        if (raw.isObject() && raw.has("blob_name") == raw.has("blob_prefix")) {
            reader.reject("give exactly one of blob_name (one raster) and blob_prefix (every raster under a prefix)"
                    + (raw.has("blob_name") ? ", not both" : ""));
        }
        if (raw.isObject() && raw.has("blob_prefix") && raw.has("item_id")) {
            reader.reject("item_id names one item: with blob_prefix each item id is derived from its blob's path");
        }
        if (blobName != null && ending(blobName) == null) {
            reader.reject("blob_name must end with one of " + String.join(", ", ENDINGS) + ", got \"" + blobName + "\"");
        }
        reader.string("container");
        reader.string("collection_id");
        String itemId = reader.string("item_id", blobName == null ? null : defaultItemId(blobName));
        if (itemId != null && !ITEM_ID.matcher(itemId).matches()) {
            reader.reject("no item_id can be derived from blob_name \"" + blobName + "\"; give item_id");
        }
        reader.string("raster_type");
        reader.string("tier");
        for (String name : List.of("target_crs", "source_crs")) {
            String code = reader.string(name);
            if (code != null && RasterCrs.CODE.matcher(code).matches() && !RasterCrs.known(code)) {
                reader.reject(name + " " + code + " is not a CRS GDAL knows");
            }
        }
        reader.integer("jpeg_quality");
        reader.bool("overwrite");
        return reader.done();
    }

    static RasterParameters of(JsonNode p) {
        return new RasterParameters(p.get("container").asText(), p.get("blob_name").asText(), p.get("collection_id").asText(),
                p.get("item_id").asText(), p.get("raster_type").asText(), p.get("tier").asText(), text(p, "target_crs"),
                text(p, "source_crs"), p.get("jpeg_quality").asInt(), p.get("overwrite").asBoolean());
    }

    /**
     * The item id a blob gets when none is given: its path without the raster ending, folders
     * joined by '-' (so two folders holding the same file name do not collide), other characters '_'.
     */
    public static String defaultItemId(String blobName) {
        String ending = ending(blobName);
        String stem = ending == null ? blobName : blobName.substring(0, blobName.length() - ending.length());
        String lower = stem.toLowerCase(Locale.ROOT);
        if (lower.endsWith(".hgt")) stem = stem.substring(0, stem.length() - 4);
        String id = Arrays.stream(stem.split("/")).filter(s -> !s.isEmpty()).map(s -> s.replaceAll("[^A-Za-z0-9_.-]", "_"))
                .reduce((a, b) -> a + "-" + b).orElse("");
        return id.startsWith(".") || id.startsWith("-") ? "_" + id : id;
    }

    /** The listed ending of the blob's name, case ignored; null when it has none of them. */
    static String ending(String blobName) {
        String lower = blobName.toLowerCase(Locale.ROOT);
        return ENDINGS.stream().filter(e -> lower.endsWith(e) && lower.length() > e.length()).findFirst().orElse(null);
    }

    /** The same parameters with overwrite=true. */
    RasterParameters withOverwrite() {
        return new RasterParameters(container, blobName, collectionId, itemId, rasterType, tier, targetCrs, sourceCrs, jpegQuality, true);
    }

    boolean isZip() {
        return blobName.toLowerCase(Locale.ROOT).endsWith(".zip");
    }

    /** The tiers asked for (all three for "all"). */
    List<Tier> requestedTiers() {
        return ALL.equals(tier) ? List.of(Tier.values()) : List.of(Tier.of(tier));
    }

    /** The same parameters for another item (a tile of this raster). */
    RasterParameters withItemId(String otherItemId) {
        return new RasterParameters(container, blobName, collectionId, otherItemId, rasterType, tier, targetCrs, sourceCrs, jpegQuality,
                overwrite);
    }

    String source() {
        return container + "/" + blobName;
    }

    private static String text(JsonNode p, String name) {
        JsonNode node = p.get(name);
        return node == null || node.isNull() ? null : node.asText();
    }
}
