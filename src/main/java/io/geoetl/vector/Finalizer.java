package io.geoetl.vector;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.geoetl.jobs.BadInputException;
import io.geoetl.jobs.ConflictException;
import io.geoetl.jobs.Json;
import io.geoetl.store.CatalogEntry;
import io.geoetl.store.Database;
import io.geoetl.store.Identifiers;
import io.geoetl.store.VectorTableRepository;
import io.geoetl.store.VectorTableRepository.TimeRange;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stage 3 (finalize): splits a mixed staging table into one table per geometry family, indexes
 * and analyzes the staging tables ({@link StagingIndexer}) out of readers' sight, then, in one
 * short transaction, replaces the targets (overwrite), moves
 * the staging tables into place and writes their catalog rows and STAC items ({@link VectorStacItem}). Readers see the old table or the
 * new one, never a half-loaded one.
 */
final class Finalizer {
    private static final Logger LOG = LoggerFactory.getLogger(Finalizer.class);
    private final Database db;
    private final Leftovers leftovers;
    private final StagingIndexer indexer;
    private final VectorStacItem stacItem;

    Finalizer(Database db, Leftovers leftovers, VectorStacItem stacItem, IndexBuildSlots indexSlots) {
        this.db = db;
        this.leftovers = leftovers;
        this.indexer = new StagingIndexer(db, indexSlots);
        this.stacItem = stacItem;
    }

    /** {@code loaded} is the load stage summed up: cleaning counts and rows/extent per family. */
    JsonNode finish(String jobId, IngestParameters p, CleaningCounts cleaning, FamilyExtents loaded) {
        Optional<IngestPlan> found = db.inTransaction(tx -> tx.vectorIngests().plan(jobId)).map(IngestPlan::fromJson);
        if (found.isEmpty()) {
            List<String> published = db.inTransaction(tx -> tx.catalog().tablesOfJob(jobId));
            if (published.isEmpty()) {
                throw new BadInputException("the staging data of this ingest is gone (removed after an earlier failure); submit it again");
            }
            return result(p, cleaning, loaded, published, null);
        }
        IngestPlan plan = found.get();
        long copied = db.inTransaction(tx -> tx.vectorIngests().copiedRows(jobId));
        if (copied != cleaning.rowsWritten) {
            throw new IllegalStateException("the staging table holds " + copied + " rows but the load tasks wrote " + cleaning.rowsWritten);
        }
        if (loaded.present().isEmpty()) {
            throw new BadInputException("cleaning dropped all " + cleaning.featuresRead + " features of layer \"" + plan.layer()
                    + "\" (" + cleaning.toJson() + "); there is nothing to publish");
        }
        long start = System.nanoTime();
        Map<GeometryFamily, String> staged = stagedTables(plan, loaded);
        for (String table : staged.values()) {
            indexer.index(table, plan.indexColumns());
        }
        long indexed = System.nanoTime();
        Map<GeometryFamily, String> targets = new LinkedHashMap<>();
        staged.keySet().forEach(family -> targets.put(family, staged.size() == 1 ? p.tableName() : p.familyTable(family)));
        publish(jobId, p, plan, cleaning, loaded, staged, targets);
        leftovers.discard(jobId);
        LOG.info("published {} as {}.{}: indexed in {} ms, swapped in {} ms", p.source(), p.schema(), targets.values(),
                (indexed - start) / 1_000_000, (System.nanoTime() - indexed) / 1_000_000);
        return result(p, cleaning, loaded, new ArrayList<>(targets.values()), plan);
    }

    /** The staging table of each family present: the staging table itself, or its per-family split. */
    private Map<GeometryFamily, String> stagedTables(IngestPlan plan, FamilyExtents loaded) {
        Map<GeometryFamily, String> staged = new LinkedHashMap<>();
        if (!plan.mixed()) {
            staged.put(plan.family(), plan.stagingTable());
            return staged;
        }
        loaded.present().keySet().forEach(family -> staged.put(family, Identifiers.withSuffix(plan.stagingTable(), family.tableSuffix())));
        db.inTransaction(tx -> {
            VectorTableRepository tables = tx.vectorTables();
            if (!tables.exists(VectorTableRepository.STAGING_SCHEMA, plan.stagingTable())) return null; // split by an earlier run
            staged.forEach((family, table) -> tables.createFamilyTable(plan.stagingTable(), table, family.code(), plan.attributeNames(),
                    plan.geometryType(family), plan.srid()));
            tables.dropStaging(plan.stagingTable());
            return null;
        });
        return staged;
    }

    private void publish(String jobId, IngestParameters p, IngestPlan plan, CleaningCounts cleaning, FamilyExtents loaded,
                         Map<GeometryFamily, String> staged, Map<GeometryFamily, String> targets) {
        db.inTransaction(tx -> {
            VectorTableRepository tables = tx.vectorTables();
            tables.lockTarget(p.schema(), p.tableName());
            try {
                TargetTables.check(tx, p);
            } catch (ConflictException e) {
                throw new BadInputException(e.getMessage());
            }
            for (String table : p.possibleTables()) {
                tables.drop(p.schema(), table);
                tx.catalog().delete(p.schema(), table);
                if (tx.stac().collectionExists(stacItem.collection())) {
                    tx.stac().deleteItem(stacItem.collection(), VectorStacItem.itemId(p.schema(), table));
                }
            }
            for (Map.Entry<GeometryFamily, String> entry : staged.entrySet()) {
                GeometryFamily family = entry.getKey();
                String target = targets.get(family);
                TimeRange time = plan.timeColumn() == null ? new TimeRange(null, null) : tables.timeRange(entry.getValue(), plan.timeColumn());
                tables.publish(entry.getValue(), p.schema(), target);
                FamilyExtents.Extent extent = loaded.present().get(family);
                tx.catalog().upsert(new CatalogEntry(p.schema(), target, title(p, plan), p.source(), plan.etag(), plan.driver(),
                        plan.layer(), jobId, plan.geometryType(family), plan.srid(), extent.rows(), extent.bbox(), plan.timeColumn(),
                        time.start(), time.end(), columns(plan, family), cleaning.toJson()));
                stacItem.write(tx.stac(), jobId, p.schema(), target, title(p, plan), plan.geometryType(family), plan.srid(), extent.rows(),
                        extent.bbox(), time.start(), time.end(), columns(plan, family));
            }
            tx.vectorIngests().delete(jobId);
            return null;
        });
    }

    private static String title(IngestParameters p, IngestPlan plan) {
        return p.title() != null ? p.title() : plan.layer();
    }

    private static JsonNode columns(IngestPlan plan, GeometryFamily family) {
        ArrayNode columns = Json.array();
        columns.add(Json.object().put("name", VectorTableRepository.ID).put("type", "bigint").put("source", "(feature position)"));
        plan.columns().forEach(c -> columns.add(Json.object().put("name", c.name()).put("type", c.type().sql()).put("source", c.source())));
        columns.add(Json.object().put("name", VectorTableRepository.GEOMETRY)
                .put("type", "geometry(" + plan.geometryType(family) + ", " + plan.srid() + ")").putNull("source"));
        return columns;
    }

    private static JsonNode result(IngestParameters p, CleaningCounts cleaning, FamilyExtents loaded, List<String> tables, IngestPlan plan) {
        ObjectNode result = Json.object();
        result.put("schema", p.schema());
        ArrayNode tableArray = result.putArray("tables");
        tables.forEach(tableArray::add);
        if (plan != null) {
            result.put("layer", plan.layer());
            result.put("driver", plan.driver());
            result.put("source_crs", plan.sourceCrs());
            result.put("srid", plan.srid());
        }
        result.put("features_read", cleaning.featuresRead);
        result.put("rows_written", cleaning.rowsWritten);
        result.set("families", loaded.toJson());
        result.set("cleaning", cleaning.toJson());
        return result;
    }
}
