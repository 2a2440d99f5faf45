package io.geoetl.store;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.OffsetDateTime;

/** A geo.table_catalog row. {@code bbox} is minx, miny, maxx, maxy in {@code srid} (null when empty). */
public record CatalogEntry(
        String schema,
        String table,
        String title,
        String source,
        String sourceEtag,
        String sourceFormat,
        String sourceLayer,
        String jobId,
        String geometryType,
        int srid,
        long featureCount,
        double[] bbox,
        String timeColumn,
        OffsetDateTime timeStart,
        OffsetDateTime timeEnd,
        JsonNode columns,
        JsonNode cleaning) {}
