package io.geoetl.vector;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.geoetl.jobs.BadInputException;
import io.geoetl.jobs.Json;
import io.geoetl.store.Database;
import io.geoetl.store.RowSink;
import java.util.List;
import java.util.Vector;
import org.gdal.gdal.gdal;
import org.gdal.ogr.Feature;
import org.gdal.ogr.GeomTransformer;
import org.gdal.ogr.Layer;
import org.gdal.osr.CoordinateTransformation;
import org.gdal.osr.SpatialReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stage 2 (load), one task per chunk: streams the chunk's features from GDAL through the cleaner
 * straight into a binary COPY of the staging table, feature by feature. The batch replaces any
 * earlier copy of itself in the same transaction, so a rerun or a duplicate leaves one copy.
 */
final class ChunkLoader {
    private static final Logger LOG = LoggerFactory.getLogger(ChunkLoader.class);
    private final Database db;
    private final SourceFetcher fetcher;

    ChunkLoader(Database db, SourceFetcher fetcher) {
        this.db = db;
        this.fetcher = fetcher;
    }

    /** Loads one chunk; returns its cleaning counts and the rows and extent per geometry family. */
    JsonNode load(String jobId, IngestParameters p, Chunk chunk) {
        long start = System.nanoTime();
        IngestPlan plan = db.inTransaction(tx -> tx.vectorIngests().plan(jobId)).map(IngestPlan::fromJson)
                .orElseThrow(() -> new BadInputException("the staging data of this ingest is gone (removed after an earlier failure); "
                        + "submit the ingest again with a different parameter, e.g. another chunk_size"));
        LocalSource local = fetcher.fetch(jobId, plan.blob(p), p);
        CleaningCounts counts = new CleaningCounts();
        FamilyExtents extents = new FamilyExtents();
        gdal.PushErrorHandler("CPLQuietErrorHandler");
        try (VectorSource source = VectorSource.open(local, p); Cleaning cleaning = Cleaning.open(source, plan, p, counts)) {
            Layer layer = source.layer(plan.layer());
            chunk.position(layer, plan.fidColumn());
            FeatureRowWriter writer = new FeatureRowWriter(plan.columns(),
                    TextDecoder.of(plan.format() == VectorFormat.CSV ? p.encoding() : null), counts, plan.mixed());
            db.inTransaction(tx -> tx.vectorTables().copyBatch(jobId, plan.stagingTable(), chunk.batch(), plan.valueColumns(),
                    rows -> copy(layer, chunk, plan, cleaning.cleaner(), cleaning.encoder(), writer, extents, counts, rows)));
        } finally {
            gdal.PopErrorHandler();
        }
        LOG.info("loaded chunk {} of {}: {} features, {} rows in {} ms", chunk.batch(), p.source(), counts.featuresRead,
                counts.rowsWritten, (System.nanoTime() - start) / 1_000_000);
        ObjectNode result = Json.object();
        result.put("batch", chunk.batch());
        result.set("cleaning", counts.toJson());
        result.set("families", extents.toJson());
        return result;
    }

    private static long copy(Layer layer, Chunk chunk, IngestPlan plan, FeatureCleaner cleaner, GeometryEncoder encoder,
                             FeatureRowWriter writer, FamilyExtents extents, CleaningCounts counts, RowSink rows) {
        long written = 0;
        for (long read = 0; read < chunk.count(); read++) {
            long id = chunk.first() + read + 1;
            Feature feature = next(layer, id, plan);
            if (feature == null) {
                throw new BadInputException("layer \"" + plan.layer() + "\" ended after " + (chunk.first() + read)
                        + " features, but " + plan.featureCount() + " were counted; the file is damaged");
            }
            try {
                counts.featuresRead++;
                if (!cleaner.clean(feature.GetGeometryRef(), id)) continue;
                checkFamily(plan, encoder, id);
                written += writer.write(feature, id, encoder, extents, rows);
            } finally {
                feature.delete();
            }
        }
        counts.rowsWritten = written;
        return written;
    }

    private static Feature next(Layer layer, long id, IngestPlan plan) {
        try {
            return layer.GetNextFeature();
        } catch (RuntimeException e) {
            throw new BadInputException("feature " + id + " of layer \"" + plan.layer() + "\" could not be read: " + e.getMessage());
        }
    }

    /** A layer that declares one geometry family must hold only that family. */
    private static void checkFamily(IngestPlan plan, GeometryEncoder encoder, long id) {
        if (plan.mixed()) return;
        for (GeometryFamily family : GeometryFamily.values()) {
            if (family != plan.family() && encoder.has(family)) {
                throw new BadInputException("feature " + id + " of layer \"" + plan.layer() + "\" has " + family.name().toLowerCase()
                        + " geometry, but the layer declares " + plan.family().name().toLowerCase() + " geometries only");
            }
        }
    }

    /** The per-task GDAL objects of cleaning: CRS transformation, antimeridian splitter, encoder. */
    private record Cleaning(FeatureCleaner cleaner, GeometryEncoder encoder, CoordinateTransformation transformation,
                            GeomTransformer splitter, List<SpatialReference> references) implements AutoCloseable {

        static Cleaning open(VectorSource source, IngestPlan plan, IngestParameters p, CleaningCounts counts) {
            Layer layer = source.layer(plan.layer());
            SpatialReference from = Crs.ofSource(layer, p);
            SpatialReference to = null;
            CoordinateTransformation transformation = null;
            GeomTransformer splitter = null;
            try {
                to = Crs.fromCode(p.targetCrs());
                transformation = Crs.transformation(from, to);
                if (to.IsGeographic() == 1) {
                    splitter = GdalObjects.created(new GeomTransformer(null, new Vector<>(List.of("WRAPDATELINE=YES"))));
                }
                GeometryEncoder encoder = new GeometryEncoder(plan.srid(), plan.z(), plan.m());
                return new Cleaning(new FeatureCleaner(transformation, splitter, encoder, counts), encoder, transformation, splitter,
                        List.of(from, to));
            } catch (RuntimeException | Error e) {
                GdalObjects.release(splitter);
                GdalObjects.release(transformation);
                GdalObjects.release(to);
                GdalObjects.release(from);
                throw e;
            }
        }

        @Override
        public void close() {
            GdalObjects.release(splitter);
            GdalObjects.release(transformation);
            references.forEach(GdalObjects::release);
        }
    }
}
