package io.geoetl.store;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Mapbox vector tiles (WebMercatorQuad) of a catalogued table, written by PostGIS
 * ({@code ST_AsMVT} over {@code ST_AsMVTGeom}). The tile's area is reprojected once into the
 * table's own SRID so its GiST index serves; only the geometries that meet it are reprojected to
 * Web Mercator. A tile holds at most {@code maxFeatures} features and {@code maxColumns}
 * attribute columns, so one tile's cost stays bounded whatever the table.
 */
public final class VectorTileRepository {
    /** Tile coordinates per side (the MVT default). */
    public static final int EXTENT = 4096;
    /** Coordinates kept around a tile's edge, so lines and outlines do not show seams. */
    public static final int BUFFER = 64;
    private static final int CRS84_SRID = 4326;
    private static final int WEB_MERCATOR_SRID = 3857;
    private final Database database;
    private final int maxFeatures;
    private final int maxColumns;

    public VectorTileRepository(Database database, int maxFeatures, int maxColumns) {
        if (maxFeatures < 1 || maxColumns < 0) {
            throw new IllegalStateException("geoetl.features.tile-max-features must be at least 1 and geoetl.features.tile-max-columns at least 0");
        }
        this.database = database;
        this.maxFeatures = maxFeatures;
        this.maxColumns = maxColumns;
    }

    /**
     * The tile z/x/y of {@code table} as MVT bytes, one layer named {@code layer}; empty (zero
     * bytes) where the table has no feature. {@code areaCrs84} is the tile with its buffer in
     * lon/lat, already cut to the table's extent.
     */
    public byte[] tile(FeatureTable table, String layer, int z, int x, int y, double[] areaCrs84) {
        List<Object> parameters = new ArrayList<>(List.of(layer, EXTENT, z, x, y, EXTENT, BUFFER));
        String area = area(table, areaCrs84, parameters);
        parameters.add(maxFeatures);
        String sql = "select coalesce(st_asmvt(q, ?, ?, 'geom', 'id'), ''::bytea) from (select * from (select t." + FeatureSql.KEY + " as id"
                + columns(table) + ", st_asmvtgeom(st_transform(t." + FeatureSql.GEOMETRY + ", " + WEB_MERCATOR_SRID
                + "), st_tileenvelope(?, ?, ?), ?, ?, true) as geom from " + Identifiers.qualified(table.schema(), table.table())
                + " t where t." + FeatureSql.GEOMETRY + " && (" + area + ") limit ?) r where r.geom is not null) q";
        return database.inTransaction(tx -> Sql.queryOne(tx.connection(), sql, rs -> rs.getBytes(1), parameters.toArray()));
    }

    /** The query area in the table's SRID: the lon/lat box, densified and reprojected once (an InitPlan). */
    private static String area(FeatureTable table, double[] box, List<Object> parameters) {
        parameters.addAll(List.of(box[0], box[1], box[2], box[3]));
        String envelope = "st_makeenvelope(?, ?, ?, ?, " + CRS84_SRID + ")";
        if (table.srid() == CRS84_SRID) return "select " + envelope;
        parameters.add(Math.max(box[2] - box[0], box[3] - box[1]) / 16);
        return "select st_transform(st_segmentize(" + envelope + ", ?), " + table.srid() + ")";
    }

    /** The first maxColumns attribute columns (bytea left out); types MVT has no value for are written as text. */
    private String columns(FeatureTable table) {
        return table.attributes().stream().filter(c -> c.type() != ColumnType.BYTEA).limit(maxColumns)
                .map(c -> ", t." + Identifiers.quote(c.name()) + switch (c.type()) {
                    case BOOLEAN, SMALLINT, INTEGER, BIGINT, REAL, DOUBLE, TEXT -> "";
                    default -> "::text as " + Identifiers.quote(c.name());
                }).collect(Collectors.joining());
    }
}
