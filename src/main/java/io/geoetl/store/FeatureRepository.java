package io.geoetl.store;

import com.fasterxml.jackson.databind.JsonNode;
import io.geoetl.jobs.Json;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * All SQL of OGC API Features: catalogued tables (geo.table_catalog) and their features, read in
 * CRS84. The database does the work: it reprojects, writes the GeoJSON and streams the rows.
 * Only tables with a catalog row are reachable, and their identifiers come from that row.
 */
public final class FeatureRepository {
    /** Rows the driver fetches per round trip while a page streams. */
    private static final int FETCH_SIZE = 500;
    private static final String TABLE_COLUMNS = "select c.schema_name, c.table_name, c.title, c.srid, c.geometry_type, c.feature_count, "
            + "c.time_column, c.time_start, c.time_end, c.columns::text, "
            + "st_xmin(e.g), st_ymin(e.g), st_xmax(e.g), st_ymax(e.g) from geo.table_catalog c "
            // the bbox is in the table's SRID: densify its outline so the reprojected envelope holds every feature
            + "left join lateral (select st_transform(st_segmentize(st_makeenvelope(c.bbox[1], c.bbox[2], c.bbox[3], c.bbox[4], c.srid), "
            + "greatest(c.bbox[3] - c.bbox[1], c.bbox[4] - c.bbox[2], 1e-9) / 16), 4326) as g where c.bbox is not null) e on true ";
    private final Database database;

    public FeatureRepository(Database database) {
        this.database = database;
    }

    /** Every catalogued table, by schema and name. */
    public List<FeatureTable> tables() {
        return database.inTransaction(tx -> Sql.query(tx.connection(), TABLE_COLUMNS + "order by c.schema_name, c.table_name",
                FeatureRepository::table));
    }

    /** The catalogued table {@code schema.table}; empty when it has no catalog row. */
    public Optional<FeatureTable> table(String schema, String table) {
        return Optional.ofNullable(database.inTransaction(tx -> Sql.queryOne(tx.connection(),
                TABLE_COLUMNS + "where c.schema_name = ? and c.table_name = ?", FeatureRepository::table, schema, table)));
    }

    /**
     * The catalog row of a table as a JSON object (source blob and format, job, count, SRID,
     * geometry type, columns, cleaning counts, times), for people looking at what landed.
     */
    public String catalogRow(FeatureTable table) {
        return database.inTransaction(tx -> Sql.queryOne(tx.connection(), "select jsonb_build_object('source', source, 'source_etag', "
                + "source_etag, 'source_format', source_format, 'source_layer', source_layer, 'job_id', job_id, 'feature_count', "
                + "feature_count, 'srid', srid, 'geometry_type', geometry_type, 'columns', columns, 'cleaning', cleaning, 'created_at', "
                + "created_at, 'updated_at', updated_at)::text from geo.table_catalog where schema_name = ? and table_name = ?",
                rs -> rs.getString(1), table.schema(), table.table()));
    }

    /** How many features match (the catalog's count when nothing is filtered). */
    public long count(FeatureQuery query) {
        if (!query.filters()) return query.table().featureCount();
        FeatureSql sql = new FeatureSql(query);
        return database.inTransaction(tx -> {
            utc(tx.connection());
            return Sql.queryOne(tx.connection(), "select count(*) from " + sql.from() + " where " + sql.where(),
                    rs -> rs.getLong(1), sql.parameters().toArray());
        });
    }

    /**
     * At most {@code rows} matching features with a key above {@code after} (null: from the
     * first), in key order, as a cursor the caller must read to the end or close.
     */
    public FeatureCursor items(FeatureQuery query, Long after, int rows) {
        FeatureSql sql = new FeatureSql(query);
        List<Object> parameters = new ArrayList<>(sql.parameters());
        String where = sql.where();
        if (after != null) {
            where += " and t." + FeatureSql.KEY + " > ?";
            parameters.add(after);
        }
        parameters.add(rows);
        String select = "select t." + FeatureSql.KEY + ", " + sql.featureJson() + " from " + sql.from() + " where " + where
                + " order by t." + FeatureSql.KEY + " limit ?";
        Connection connection = null;
        try {
            connection = database.dataSource().getConnection();
            utc(connection);
            PreparedStatement statement = Sql.prepare(connection, select, parameters.toArray());
            statement.setFetchSize(FETCH_SIZE);
            ResultSet result = statement.executeQuery();
            return new FeatureCursor(connection, statement, result);
        } catch (SQLException e) {
            closeQuietly(connection, e);
            throw new StoreException(e);
        } catch (RuntimeException e) {
            closeQuietly(connection, e);
            throw e;
        }
    }

    /** The feature with key {@code id} as GeoJSON (CRS84); empty when there is none. */
    public Optional<String> item(FeatureTable table, long id) {
        FeatureSql sql = new FeatureSql(FeatureQuery.all(table));
        return Optional.ofNullable(database.inTransaction(tx -> Sql.queryOne(tx.connection(),
                "select " + sql.featureJson() + " from " + sql.from() + " where t." + FeatureSql.KEY + " = ?", rs -> rs.getString(1), id)));
    }

    /** Dates compared with instants are days in UTC, whatever the server's time zone. */
    private static void utc(Connection connection) {
        Sql.execute(connection, "set local timezone to 'UTC'");
    }

    private static FeatureTable table(ResultSet rs) throws SQLException {
        double[] extent = null;
        if (rs.getObject(11) != null) {
            extent = new double[] {rs.getDouble(11), rs.getDouble(12), rs.getDouble(13), rs.getDouble(14)};
        }
        return new FeatureTable(rs.getString(1), rs.getString(2), rs.getString(3), rs.getInt(4), rs.getString(5), rs.getLong(6), extent,
                rs.getString(7), rs.getObject(8, OffsetDateTime.class), rs.getObject(9, OffsetDateTime.class), attributes(Json.parse(rs.getString(10))));
    }

    /** The catalog's columns without the key and the geometry; columns of a type geoetl does not write are left out. */
    private static List<TableColumn> attributes(JsonNode columns) {
        List<TableColumn> attributes = new ArrayList<>();
        for (JsonNode column : columns) {
            String name = column.path("name").asText();
            if (name.equals(FeatureSql.KEY) || name.equals(FeatureSql.GEOMETRY) || !Identifiers.isValid(name)) continue;
            String type = column.path("type").asText();
            Arrays.stream(ColumnType.values()).filter(t -> t.sql().equals(type)).findFirst()
                    .ifPresent(t -> attributes.add(new TableColumn(name, t)));
        }
        return List.copyOf(attributes);
    }

    private static void closeQuietly(Connection connection, Exception cause) {
        if (connection == null) return;
        try {
            connection.rollback();
            connection.close();
        } catch (SQLException e) {
            cause.addSuppressed(e);
        }
    }
}
