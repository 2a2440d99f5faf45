package io.geoetl.stac;

/**
 * Settings of the STAC API (geoetl.stac.*, documented in config/application.properties).
 *
 * @param bulkWriters    geoetl.stac.bulk-writers: item writes that may run at once (more get 503)
 */
public record StacSettings(int bulkWriters) {
    public static final int DEFAULT_LIMIT = 10;
    public static final int MAX_LIMIT = 10_000;
}
