package io.geoetl.stac;

/**
 * Settings of the STAC API (geoetl.stac.*, documented in config/application.properties).
 *
 * @param baseUrl        geoetl.http.base-url: the router's public URL for absolute links; empty = from the request
 * @param maxBodyBytes   geoetl.http.max-body-bytes: the limit of single-document writes
 * @param maxBulkBytes   geoetl.stac.max-bulk-bytes: the limit of a FeatureCollection posted to /collections/{id}/items
 * @param pageWriters    geoetl.stac.page-writers: threads that stream item pages to clients
 * @param bulkWriters    geoetl.stac.bulk-writers: item writes that may run at once (more get 503)
 */
public record StacSettings(String baseUrl, long maxBodyBytes, long maxBulkBytes, int pageWriters, int bulkWriters) {
    public static final int DEFAULT_LIMIT = 10;
    public static final int MAX_LIMIT = 10_000;
}
