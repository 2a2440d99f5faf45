package io.geoetl.raster.catalog;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.geoetl.jobs.ParameterReader;
import io.geoetl.jobs.ParameterSchema;
import io.geoetl.storage.BlobListing;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The parameters of a catalog_rasters job (docs/catalog-rasters.md), declared once in
 * {@link #schema}. Normalising lists the prefix and adds {@code listing} (the fingerprint of the
 * rasters' names and ETags, and their count): it is part of the job's identity, so the same
 * listing gives the same job and a changed one a new job.
 */
record CatalogParameters(String container, String prefix, String collectionId, boolean overwrite, String fingerprint, int rasters) {
    /** The endings catalog_rasters reads, case ignored. */
    static final List<String> ENDINGS = List.of(".tif", ".tiff", ".jp2", ".img");
    static final String LISTING = "listing";
    private static final Pattern CONTAINER = Pattern.compile("^[a-z0-9](?:[a-z0-9]|-(?=[a-z0-9])){2,62}$");
    private static final Pattern PREFIX = Pattern.compile("^[^\\x00-\\x1f\\\\]{0,1024}$");
    private static final Pattern COLLECTION_ID = Pattern.compile("^[A-Za-z0-9_][A-Za-z0-9_.\\-]{0,99}$");

    static ParameterSchema schema(String defaultCollection) {
        return new ParameterSchema()
                .string("container", "Blob container holding the rasters.", "bronze", CONTAINER,
                        "must be an Azure container name (3-63 lower-case letters, digits, dashes)")
                .string("prefix", "Name prefix of the blobs to catalogue (every " + String.join(", ", ENDINGS)
                        + " under it; empty: the whole container).", "", PREFIX, "must be at most 1024 characters, no control characters")
                .string("collection_id", "STAC collection of the items (created on first use).", defaultCollection, COLLECTION_ID,
                        "must be 1-100 letters, digits, '_', '.' or '-'")
                .bool("overwrite", "Replace items of the same id that point at another asset (e.g. written by process_raster).", false);
    }

    /** Validates {@code raw}, then lists the prefix: its fingerprint joins the parameters. Every problem at once. */
    static ObjectNode normalise(ParameterSchema schema, JsonNode raw, BlobListing listing, int maxRasters) {
        ParameterReader reader = schema.read(raw);
        String container = reader.string("container");
        String prefix = reader.string("prefix");
        reader.string("collection_id");
        reader.bool("overwrite");
        BlobListing.Listing listed = null;
        if (!reader.hasProblems()) {
            if (!listing.containerExists(container)) {
                reader.reject("container " + container + " does not exist");
            } else {
                listed = listing.list(container, prefix, CatalogParameters::isRaster, maxRasters);
                if (listed.truncated()) {
                    reader.reject(container + "/" + prefix + " holds more than " + maxRasters + " rasters (geoetl.catalog.max-rasters);"
                            + " catalogue it by narrower prefixes");
                } else if (listed.entries().isEmpty()) {
                    reader.reject("no raster (" + String.join(", ", ENDINGS) + ") under " + container + "/" + prefix);
                }
            }
        }
        ObjectNode parameters = reader.done();
        parameters.putObject(LISTING).put("fingerprint", listed.fingerprint()).put("rasters", listed.entries().size());
        return parameters;
    }

    static CatalogParameters of(JsonNode p) {
        JsonNode listing = p.get(LISTING);
        return new CatalogParameters(p.get("container").asText(), p.get("prefix").asText(), p.get("collection_id").asText(),
                p.get("overwrite").asBoolean(), listing.get("fingerprint").asText(), listing.get("rasters").asInt());
    }

    static boolean isRaster(String blobName) {
        String lower = blobName.toLowerCase(Locale.ROOT);
        return ENDINGS.stream().anyMatch(e -> lower.endsWith(e) && lower.length() > e.length() && !lower.endsWith("/" + e));
    }
}
