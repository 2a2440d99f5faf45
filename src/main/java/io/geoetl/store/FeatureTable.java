package io.geoetl.store;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;

/**
 * A catalogued vector table as OGC API Features serves it: its geo.table_catalog row, with the
 * extent already in CRS84 (lon/lat; null for an empty table) and the attribute columns (neither
 * {@code id} nor {@code geom}) whose types geoetl knows.
 */
public record FeatureTable(
        String schema,
        String table,
        String title,
        int srid,
        String geometryType,
        long featureCount,
        double[] extentCrs84,
        String timeColumn,
        OffsetDateTime timeStart,
        OffsetDateTime timeEnd,
        List<TableColumn> attributes) {

    /** The primary key every ingested table has: the feature's position in its source layer. */
    public static final String KEY = VectorTableRepository.ID;

    /** The attribute column called {@code name}, or the key column. */
    public Optional<TableColumn> column(String name) {
        if (KEY.equals(name)) return Optional.of(new TableColumn(KEY, ColumnType.BIGINT));
        return attributes.stream().filter(c -> c.name().equals(name)).findFirst();
    }

    /** The time column with its type, when the table has one. */
    public Optional<TableColumn> time() {
        return timeColumn == null ? Optional.empty() : column(timeColumn).filter(c -> c.type().isTemporal());
    }
}
