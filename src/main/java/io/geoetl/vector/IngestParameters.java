package io.geoetl.vector;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.geoetl.jobs.ParameterReader;
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

    /** Validates raw request parameters; returns the normalised ones (defaults filled in) or lists every problem. */
    static ObjectNode normalise(JsonNode raw) {
        ParameterReader reader = new ParameterReader(raw);
        reader.string("container", DEFAULT_CONTAINER, CONTAINER, "must be an Azure container name (3-63 lower-case letters, digits, dashes)");
        String blobName = reader.requiredString("blob_name", BLOB_NAME, "must be a blob path of 1-1024 characters");
        BlobType type = null;
        if (blobName != null) {
            type = BlobType.of(blobName).orElse(null);
            if (type == null) reader.reject("blob_name must end with one of " + BlobType.allExtensions() + ", got \"" + blobName + "\"");
        }
        reader.string("table_name", blobName == null ? null : SqlNames.tableNameFor(blobName), Identifiers.PATTERN, IDENTIFIER_RULE);
        String schema = reader.string("schema", DEFAULT_SCHEMA, Identifiers.PATTERN, IDENTIFIER_RULE);
        if (schema != null && (FORBIDDEN_SCHEMAS.contains(schema) || schema.startsWith("pg_"))) {
            reader.reject("schema " + schema + " is reserved; choose another schema (default " + DEFAULT_SCHEMA + ")");
        }
        reader.string("layer_name", null, NAME, "must be 1-255 characters");
        readCsvOptions(reader, type);
        String encoding = reader.string("encoding", null, ENCODING, "must be a character set name such as UTF-8 or windows-1252");
        if (encoding != null && !Charset.isSupported(encoding)) reader.reject("encoding " + encoding + " is not a known character set");
        if (encoding != null && type != null && type != BlobType.CSV && type != BlobType.ZIP) {
            reader.reject("encoding applies to CSV files and zipped Shapefiles only (the other formats declare their encoding)");
        }
        String sourceCrs = reader.string("source_crs", null, Crs.SOURCE_CODE, "must be an EPSG or ESRI code such as EPSG:25832");
        if (sourceCrs != null && Crs.fromCode(sourceCrs) == null) reader.reject("source_crs " + sourceCrs + " is not a CRS GDAL knows");
        String targetCrs = reader.string("target_crs", DEFAULT_TARGET_CRS, Crs.TARGET_CODE, "must be an EPSG code such as EPSG:3857");
        if (targetCrs != null && Crs.TARGET_CODE.matcher(targetCrs).matches() && Crs.fromCode(targetCrs) == null) {
            reader.reject("target_crs " + targetCrs + " is not a CRS GDAL knows");
        }
        reader.integer("chunk_size", DEFAULT_CHUNK_SIZE, 1, 10_000_000);
        reader.bool("overwrite", false);
        reader.bool("keep_z", false);
        reader.stringList("index_columns", NAME, "are column names", 32);
        reader.string("time_column", null, NAME, "must be a column name");
        reader.string("title", null, TITLE, "must be 1-500 characters");
        return reader.done();
    }

    private static void readCsvOptions(ParameterReader reader, BlobType type) {
        String x = reader.string("x_column", null, CSV_COLUMN, "must be a CSV column name (no commas, quotes or *)");
        String y = reader.string("y_column", null, CSV_COLUMN, "must be a CSV column name (no commas, quotes or *)");
        String wkt = reader.string("wkt_column", null, CSV_COLUMN, "must be a CSV column name (no commas, quotes or *)");
        String delimiter = reader.string("delimiter", null, DELIMITER, "must be \",\", \";\" or a tab");
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
