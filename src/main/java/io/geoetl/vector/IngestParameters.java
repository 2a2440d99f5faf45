package io.geoetl.vector;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.geoetl.jobs.ParameterReader;
import io.geoetl.jobs.ParameterSchema;
import io.geoetl.store.Identifiers;
import java.nio.charset.Charset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The parameters of an ingest_vector job (README, section "ingest_vector"): read and validated
 * from the request by {@link #normalise}, read back from the stored job by {@link #of}.
 */
record IngestParameters(
        String container,
        String blobName,
        String tableName,
        String schema,
        String layerName,
        String xColumn,
        String yColumn,
        String wktColumn,
        String delimiter,
        String encoding,
        String sourceCrs,
        String targetCrs,
        int chunkSize,
        boolean overwrite,
        boolean keepZ,
        List<String> indexColumns,
        String timeColumn,
        String title) {

    /**
     * Features per load task. Measured with bench/vector (1 M polygons / points from a GeoPackage,
     * 2 cores): see the README section for the figures behind this choice.
     */
    static final int DEFAULT_CHUNK_SIZE = 250_000;
    static final String DEFAULT_CONTAINER = "bronze";
    static final String DEFAULT_SCHEMA = "geo";
    static final String DEFAULT_TARGET_CRS = "EPSG:4326";
    private static final Pattern CONTAINER = Pattern.compile("^[a-z0-9](?:[a-z0-9]|-(?=[a-z0-9])){2,62}$");
    private static final Pattern BLOB_NAME = Pattern.compile("^[^\\x00-\\x1f\\\\]{1,1024}$");
    private static final Pattern NAME = Pattern.compile("^[^\\x00-\\x1f]{1,255}$");
    private static final Pattern CSV_COLUMN = Pattern.compile("^[^\\x00-\\x1f,\"*]{1,128}$");
    private static final Pattern DELIMITER = Pattern.compile("^(,|;|\\t)$");
    private static final Pattern ENCODING = Pattern.compile("^[A-Za-z0-9._:-]{1,40}$");
    private static final Pattern TITLE = Pattern.compile("^[^\\x00-\\x1f]{1,500}$");
    /** Schemas ingests must not write into: the system's own, orchestration, staging and the STAC catalog. */
    private static final Set<String> FORBIDDEN_SCHEMAS = Set.of("app", "stac", "geo_staging", "information_schema");
    private static final String IDENTIFIER_RULE = "must match ^[a-z_][a-z0-9_]{0,62}$ (lower-case letters, digits, underscores)";

    private static final String CSV_COLUMN_RULE = "must be a CSV column name (no commas, quotes or *)";
    /** The declaration behind validation and GET /api/job-types (README, section "ingest_vector"). */
    static final ParameterSchema PARAMETERS = new ParameterSchema()
            .requiredString("blob_name", "Path of the blob; its extension picks the format (" + BlobType.allExtensions() + ").",
                    BLOB_NAME, "must be a blob path of 1-1024 characters")
            .string("container", "Blob container.", DEFAULT_CONTAINER, CONTAINER,
                    "must be an Azure container name (3-63 lower-case letters, digits, dashes)")
            .string("table_name", "Target table (default: the file name, sanitised).", null, Identifiers.PATTERN, IDENTIFIER_RULE)
            .string("schema", "Target schema; app, stac, geo_staging, pg_* and information_schema are refused.", DEFAULT_SCHEMA,
                    Identifiers.PATTERN, IDENTIFIER_RULE)
            .string("layer_name", "Layer of a multi-layer source (default: the only layer with features).", null, NAME,
                    "must be 1-255 characters")
            .string("x_column", "CSV: the longitude/x column (with y_column; default: lon, long, longitude, lng or x).", null,
                    CSV_COLUMN, CSV_COLUMN_RULE)
            .string("y_column", "CSV: the latitude/y column (with x_column; default: lat, latitude or y).", null, CSV_COLUMN,
                    CSV_COLUMN_RULE)
            .string("wkt_column", "CSV: the column holding WKT geometries, instead of x/y (default: wkt, geom, geometry or the_geom).",
                    null, CSV_COLUMN, CSV_COLUMN_RULE)
            .string("delimiter", "CSV: the delimiter, , ; or a tab (default: detected).", null, DELIMITER,
                    "must be \",\", \";\" or a tab")
            .string("encoding", "CSV and zipped Shapefile: the file's character set, e.g. windows-1252.", null, ENCODING,
                    "must be a character set name such as UTF-8 or windows-1252")
            .string("source_crs", "EPSG:n or ESRI:n overriding the file's CRS.", null, Crs.SOURCE_CODE,
                    "must be an EPSG or ESRI code such as EPSG:25832")
            .string("target_crs", "EPSG:n: the CRS the table is stored in (its SRID).", DEFAULT_TARGET_CRS, Crs.TARGET_CODE,
                    "must be an EPSG code such as EPSG:3857")
            .integer("chunk_size", "Features per load task.", DEFAULT_CHUNK_SIZE, 1, 10_000_000)
            .bool("overwrite", "Replace existing target tables (only tables geoetl made).", false)
            .bool("keep_z", "Keep Z (and M) values instead of dropping them.", false)
            .stringList("index_columns", "Columns to give a b-tree index (source or sanitised names).", NAME, "are column names", 32)
            .string("time_column", "A date or date-time column: indexed, and its range goes into the catalog.", null, NAME,
                    "must be a column name")
            .string("title", "Catalog title (default: the layer name).", null, TITLE, "must be 1-500 characters");

    /** Validates raw request parameters; returns the normalised ones (defaults filled in) or lists every problem. */
    static ObjectNode normalise(JsonNode raw) {
        ParameterReader reader = PARAMETERS.read(raw);
        reader.string("container");
        String blobName = reader.string("blob_name");
        BlobType type = null;
        if (blobName != null) {
            type = BlobType.of(blobName).orElse(null);
            if (type == null) reader.reject("blob_name must end with one of " + BlobType.allExtensions() + ", got \"" + blobName + "\"");
        }
        reader.string("table_name", blobName == null ? null : SqlNames.tableNameFor(blobName));
        String schema = reader.string("schema");
        if (schema != null && (FORBIDDEN_SCHEMAS.contains(schema) || schema.startsWith("pg_"))) {
            reader.reject("schema " + schema + " is reserved; choose another schema (default " + DEFAULT_SCHEMA + ")");
        }
        reader.string("layer_name");
        readCsvOptions(reader, type);
        String encoding = reader.string("encoding");
        if (encoding != null && !Charset.isSupported(encoding)) reader.reject("encoding " + encoding + " is not a known character set");
        if (encoding != null && type != null && type != BlobType.CSV && type != BlobType.ZIP) {
            reader.reject("encoding applies to CSV files and zipped Shapefiles only (the other formats declare their encoding)");
        }
        String sourceCrs = reader.string("source_crs");
        if (sourceCrs != null && !Crs.isKnown(sourceCrs)) reader.reject("source_crs " + sourceCrs + " is not a CRS GDAL knows");
        String targetCrs = reader.string("target_crs");
        if (targetCrs != null && Crs.TARGET_CODE.matcher(targetCrs).matches() && !Crs.isKnown(targetCrs)) {
            reader.reject("target_crs " + targetCrs + " is not a CRS GDAL knows");
        }
        reader.integer("chunk_size");
        reader.bool("overwrite");
        reader.bool("keep_z");
        reader.stringList("index_columns");
        reader.string("time_column");
        reader.string("title");
        return reader.done();
    }

    private static void readCsvOptions(ParameterReader reader, BlobType type) {
        String x = reader.string("x_column");
        String y = reader.string("y_column");
        String wkt = reader.string("wkt_column");
        String delimiter = reader.string("delimiter");
        if ((x == null) != (y == null)) reader.reject("x_column and y_column go together: give both or neither");
        if (wkt != null && x != null) reader.reject("give either x_column and y_column or wkt_column, not both");
        boolean csvOption = x != null || y != null || wkt != null || delimiter != null;
        if (csvOption && type != null && type != BlobType.CSV) {
            reader.reject("x_column, y_column, wkt_column and delimiter apply to CSV files only");
        }
    }

    /** The parameters of a stored (already normalised) job. */
    static IngestParameters of(JsonNode p) {
        List<String> indexColumns = new ArrayList<>();
        p.path("index_columns").forEach(node -> indexColumns.add(node.asText()));
        return new IngestParameters(p.get("container").asText(), p.get("blob_name").asText(), p.get("table_name").asText(),
                p.get("schema").asText(), text(p, "layer_name"), text(p, "x_column"), text(p, "y_column"), text(p, "wkt_column"),
                text(p, "delimiter"), text(p, "encoding"), text(p, "source_crs"), p.get("target_crs").asText(),
                p.get("chunk_size").asInt(), p.get("overwrite").asBoolean(), p.get("keep_z").asBoolean(),
                List.copyOf(indexColumns), text(p, "time_column"), text(p, "title"));
    }

    BlobType blobType() {
        return BlobType.of(blobName).orElseThrow();
    }

    /** container/blob_name. */
    String source() {
        return container + "/" + blobName;
    }

    /** The names this ingest may publish: the table itself, or one per geometry family. */
    List<String> possibleTables() {
        List<String> names = new ArrayList<>();
        names.add(tableName);
        for (GeometryFamily family : GeometryFamily.values()) names.add(familyTable(family));
        return names;
    }

    String familyTable(GeometryFamily family) {
        return Identifiers.withSuffix(tableName, family.tableSuffix());
    }

    private static String text(JsonNode p, String name) {
        JsonNode node = p.get(name);
        return node == null || node.isNull() ? null : node.asText();
    }
}
