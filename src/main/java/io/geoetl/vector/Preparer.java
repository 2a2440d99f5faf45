package io.geoetl.vector;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.geoetl.jobs.BadInputException;
import io.geoetl.jobs.ConflictException;
import io.geoetl.jobs.Json;
import io.geoetl.storage.BlobFiles.BlobInfo;
import io.geoetl.store.ColumnType;
import io.geoetl.store.Database;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.gdal.gdal.gdal;
import org.gdal.ogr.Layer;
import org.gdal.ogr.ogr;
import org.gdal.osr.SpatialReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stage 1 (prepare): fetches the blob, opens it, inspects the layer (fields, geometry type, CRS,
 * feature count), plans the chunks, records the plan and creates the staging table.
 */
final class Preparer {
    private static final Logger LOG = LoggerFactory.getLogger(Preparer.class);
    private final Database db;
    private final SourceFetcher fetcher;
    private final Leftovers leftovers;

    private final int maxChunks;

    Preparer(Database db, SourceFetcher fetcher, Leftovers leftovers, int maxChunks) {
        this.maxChunks = maxChunks;
        this.db = db;
        this.fetcher = fetcher;
        this.leftovers = leftovers;
    }

    /** Returns the prepare result: the layer summary and the chunks for the load stage. */
    JsonNode prepare(String jobId, IngestParameters p) {
        long start = System.nanoTime();
        leftovers.sweep();
        BlobInfo blob = fetcher.describe(p);
        LocalSource local = fetcher.fetch(jobId, blob, p);
        long fetched = System.nanoTime();
        if (local.format() == VectorFormat.CSV && p.delimiter() != null) {
            try {
                CsvHeader.checkDelimiter(local.path(), p.delimiter(), "blob " + p.source());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        gdal.PushErrorHandler("CPLQuietErrorHandler");
        try (VectorSource source = VectorSource.open(local, p)) {
            Layer layer = source.layer(p.layerName());
            IngestPlan plan = plan(jobId, p, blob, local.format(), source.driver(), layer);
            List<Chunk> chunks = ChunkPlanner.plan(source.dataset(), layer, plan.driver(), plan.featureCount(), p.chunkSize(),
                    maxChunks);
            db.inTransaction(tx -> {
                try {
                    TargetTables.check(tx, p);
                } catch (ConflictException e) {
                    throw new BadInputException(e.getMessage());
                }
                tx.vectorTables().stagingTables(plan.stagingTable()).forEach(tx.vectorTables()::dropStaging);
                tx.vectorIngests().save(jobId, plan.stagingTable(), plan.toJson());
                tx.vectorTables().createStaging(plan.stagingTable(), plan.tableColumns(), plan.geometryType(), plan.srid(), plan.mixed());
                return null;
            });
            LOG.info("prepared {} ({} bytes): layer {}, {} features in {} chunks; fetched in {} ms, planned in {} ms", p.source(),
                    blob.size(), plan.layer(), plan.featureCount(), chunks.size(), (fetched - start) / 1_000_000,
                    (System.nanoTime() - fetched) / 1_000_000);
            return result(plan, chunks);
        } finally {
            gdal.PopErrorHandler();
        }
    }

    private static IngestPlan plan(String jobId, IngestParameters p, BlobInfo blob, VectorFormat format, String driver, Layer layer) {
        String where = "layer \"" + layer.GetName() + "\" of " + p.source();
        long count = layer.GetFeatureCount(1);
        if (count < 0) throw new BadInputException(where + " could not be counted: " + gdal.GetLastErrorMsg());
        if (count == 0) throw new BadInputException(where + " has no features; there is nothing to ingest");
        int geometryType = layer.GetGeomType();
        if (geometryType == ogr.wkbNone) {
            throw new BadInputException(where + " has no geometry" + (format == VectorFormat.CSV
                    ? "; name the coordinate columns with x_column and y_column, or the WKT column with wkt_column" : ""));
        }
        SpatialReference source = Crs.ofSource(layer, p);
        SpatialReference target = null;
        try {
            target = Crs.fromCode(p.targetCrs());
            List<PlannedColumn> columns = ColumnPlanner.plan(layer.GetLayerDefn());
            String timeColumn = p.timeColumn() == null ? null : resolve(columns, p.timeColumn(), "time_column");
            if (timeColumn != null && !typeOf(columns, timeColumn).isTemporal()) {
                throw new BadInputException("time_column \"" + p.timeColumn() + "\" is of type " + typeOf(columns, timeColumn).sql()
                        + "; it must be a date or date-time column");
            }
            List<String> indexColumns = new ArrayList<>();
            for (String requested : p.indexColumns()) indexColumns.add(resolve(columns, requested, "index_columns"));
            if (timeColumn != null && !indexColumns.contains(timeColumn)) indexColumns.add(timeColumn);
            String fidColumn = "GPKG".equals(driver) && !layer.GetFIDColumn().isEmpty() ? layer.GetFIDColumn() : null;
            return new IngestPlan(IngestPlan.stagingTableFor(jobId), format, driver, layer.GetName(), count,
                    Crs.describe(source), Crs.epsg(target), GeometryFamily.ofLayerType(geometryType).orElse(null),
                    p.keepZ() && ogr.GT_HasZ(geometryType) == 1, p.keepZ() && ogr.GT_HasM(geometryType) == 1,
                    columns, List.copyOf(indexColumns.stream().distinct().toList()), timeColumn, fidColumn, blob.etag(), blob.size());
        } finally {
            GdalObjects.release(source);
            GdalObjects.release(target);
        }
    }

    /** A column named by the user: its table name, source field name, or source name in any case. */
    private static String resolve(List<PlannedColumn> columns, String requested, String parameter) {
        for (PlannedColumn column : columns) if (column.name().equals(requested)) return column.name();
        for (PlannedColumn column : columns) if (column.source().equals(requested)) return column.name();
        for (PlannedColumn column : columns) if (column.source().equalsIgnoreCase(requested)) return column.name();
        throw new BadInputException(parameter + " names \"" + requested + "\", which is not a column of the layer; its columns are: "
                + columns.stream().map(PlannedColumn::source).collect(Collectors.joining(", ")));
    }

    private static ColumnType typeOf(List<PlannedColumn> columns, String name) {
        return columns.stream().filter(c -> c.name().equals(name)).findFirst().orElseThrow().type();
    }

    private static JsonNode result(IngestPlan plan, List<Chunk> chunks) {
        ObjectNode result = Json.object();
        result.put("layer", plan.layer());
        result.put("driver", plan.driver());
        result.put("feature_count", plan.featureCount());
        result.put("source_crs", plan.sourceCrs());
        result.put("srid", plan.srid());
        result.put("geometry", plan.mixed() ? "mixed" : plan.geometryType());
        ArrayNode columns = result.putArray("columns");
        plan.columns().forEach(c -> columns.add(c.name()));
        ArrayNode chunkArray = result.putArray("chunks");
        chunks.forEach(chunk -> chunkArray.add(chunk.toJson()));
        return result;
    }
}
