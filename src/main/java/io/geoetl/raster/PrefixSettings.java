package io.geoetl.raster;

/**
 * Settings of process_raster's blob_prefix (geoetl.raster.prefix-* in config/application.properties).
 *
 * @param maxRasters most rasters one job may list; a larger prefix is refused (process sub-prefixes instead)
 * @param maxTasks   most tasks of one stage: one raster per task up to this many, then several per task
 */
public record PrefixSettings(int maxRasters, int maxTasks) {}
