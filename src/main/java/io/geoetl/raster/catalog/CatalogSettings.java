package io.geoetl.raster.catalog;

/**
 * Settings of catalog_rasters (geoetl.catalog.* in config/application.properties).
 *
 * @param collection       STAC collection of the items when a job names none (created on first use)
 * @param rastersPerTask   rasters one catalog task reads (more per task when the stage would exceed {@code maxTasks})
 * @param maxTasks         most catalog tasks one job plans
 * @param maxRasters       most rasters one job may list; a larger prefix is refused (catalogue sub-prefixes instead)
 */
public record CatalogSettings(String collection, int rastersPerTask, int maxTasks, int maxRasters) {}
