package io.geoetl.raster;

import java.nio.file.Path;

/**
 * Settings of process_raster (geoetl.raster.* in config/application.properties).
 *
 * @param collection        STAC collection of items when a job names none (created on first use)
 * @param maxFileBytes      largest source blob accepted
 * @param maxPixels         most pixels (width x height) a raster may declare; more is refused as absurd
 * @param maxNodataFraction rasters with a larger share of nodata pixels are refused as empty
 * @param gdalCacheBytes    GDAL's block cache for the whole process
 * @param thumbnailPixels   longest side of the PNG thumbnail
 * @param titilerUrl        a TiTiler service the items link to (empty: no links)
 * @param publicBaseUrl     geoetl.http.base-url, for the item URL in the job result
 * @param silverContainer   where COGs and thumbnails go (geoetl.storage.silver-container)
 * @param workRoot          the shared work area (geoetl.work.dir): scratch space for COGs
 */
public record RasterSettings(String collection, long maxFileBytes, long maxPixels, double maxNodataFraction, long gdalCacheBytes,
                             int thumbnailPixels, String titilerUrl, String publicBaseUrl, String silverContainer, Path workRoot) {}
