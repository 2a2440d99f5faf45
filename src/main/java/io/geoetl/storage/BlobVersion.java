package io.geoetl.storage;

import java.util.Map;

/**
 * One version of a blob as the storage service describes it, without its content: where it is,
 * its ETag (without the surrounding quotes HTTP puts on it, so listings, HEAD requests and Event
 * Grid events agree), its size and its metadata (keys lower case).
 */
public record BlobVersion(String container, String blobName, String etag, long size, Map<String, String> metadata) {

    public BlobVersion {
        etag = unquote(etag);
        metadata = Map.copyOf(metadata);
    }

    /** "bronze/path/x.geojson". */
    public String path() {
        return container + "/" + blobName;
    }

    static String unquote(String etag) {
        if (etag == null) return "";
        String trimmed = etag.trim();
        return trimmed.length() >= 2 && trimmed.startsWith("\"") && trimmed.endsWith("\"")
                ? trimmed.substring(1, trimmed.length() - 1) : trimmed;
    }
}
