package io.geoetl.vector;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.geoetl.jobs.Json;
import io.geoetl.storage.BlobFiles.BlobInfo;
import io.geoetl.store.TableColumn;
import io.geoetl.store.VectorTableRepository;
import java.util.ArrayList;
import java.util.List;

/**
 * What prepare decided, kept in app.vector_ingests for the load and finalize tasks: the blob
 * version, the layer, the CRS, the geometry column and the attribute columns.
 *
 * @param family the layer's geometry family, or null when it may mix families (one table per family then)
 * @param z      whether the geometry column keeps Z (keep_z and a 3D layer); likewise {@code m}
 */
record IngestPlan(
        String stagingTable,
        VectorFormat format,
        String driver,
        String layer,
        long featureCount,
        String sourceCrs,
        int srid,
        GeometryFamily family,
        boolean z,
        boolean m,
        List<PlannedColumn> columns,
        List<String> indexColumns,
        String timeColumn,
        String fidColumn,
        String etag,
        long blobSize) {

    /** The staging table of a job: derived from its id, so cleanup can find it without the plan. */
    static String stagingTableFor(String jobId) {
        return "s_" + jobId.substring(0, 16);
    }

    /** The PostGIS geometry type of the staging column: the family's Multi* type, or Geometry for mixed layers. */
    String geometryType() {
        return (family == null ? "Geometry" : family.multiType()) + (z ? "Z" : "") + (m ? "M" : "");
    }

    /** The geometry type of a family's published table. */
    String geometryType(GeometryFamily of) {
        return of.multiType() + (z ? "Z" : "") + (m ? "M" : "");
    }

    boolean mixed() {
        return family == null;
    }

    List<TableColumn> tableColumns() {
        return columns.stream().map(PlannedColumn::tableColumn).toList();
    }

    List<String> attributeNames() {
        return columns.stream().map(PlannedColumn::name).toList();
    }

    /** The columns a load task writes, in order (the batch column is added by the store). */
    List<String> valueColumns() {
        List<String> names = new ArrayList<>();
        names.add(VectorTableRepository.ID);
        names.addAll(attributeNames());
        names.add(VectorTableRepository.GEOMETRY);
        if (mixed()) names.add(VectorTableRepository.FAMILY);
        return names;
    }

    BlobInfo blob(IngestParameters p) {
        return new BlobInfo(p.container(), p.blobName(), blobSize, etag);
    }

    ObjectNode toJson() {
        ObjectNode json = Json.object();
        json.put("staging_table", stagingTable);
        json.put("format", format.name());
        json.put("driver", driver);
        json.put("layer", layer);
        json.put("feature_count", featureCount);
        json.put("source_crs", sourceCrs);
        json.put("srid", srid);
        json.put("family", family == null ? null : family.name());
        json.put("z", z);
        json.put("m", m);
        ArrayNode columnArray = json.putArray("columns");
        columns.forEach(column -> columnArray.add(column.toJson()));
        ArrayNode indexArray = json.putArray("index_columns");
        indexColumns.forEach(indexArray::add);
        json.put("time_column", timeColumn);
        json.put("fid_column", fidColumn);
        json.put("etag", etag);
        json.put("blob_size", blobSize);
        return json;
    }

    static IngestPlan fromJson(JsonNode json) {
        List<PlannedColumn> columns = new ArrayList<>();
        json.get("columns").forEach(column -> columns.add(PlannedColumn.fromJson(column)));
        List<String> indexColumns = new ArrayList<>();
        json.get("index_columns").forEach(name -> indexColumns.add(name.asText()));
        return new IngestPlan(json.get("staging_table").asText(), VectorFormat.valueOf(json.get("format").asText()),
                json.get("driver").asText(), json.get("layer").asText(), json.get("feature_count").asLong(),
                json.get("source_crs").asText(), json.get("srid").asInt(),
                json.get("family").isNull() ? null : GeometryFamily.valueOf(json.get("family").asText()),
                json.get("z").asBoolean(), json.get("m").asBoolean(), List.copyOf(columns), List.copyOf(indexColumns),
                textOrNull(json.get("time_column")), textOrNull(json.get("fid_column")), json.get("etag").asText(),
                json.get("blob_size").asLong());
    }

    private static String textOrNull(JsonNode node) {
        return node == null || node.isNull() ? null : node.asText();
    }
}
