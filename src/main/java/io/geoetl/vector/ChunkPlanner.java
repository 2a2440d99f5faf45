package io.geoetl.vector;

import io.geoetl.jobs.BadInputException;
import java.util.ArrayList;
import java.util.List;
import org.gdal.gdal.Dataset;
import org.gdal.ogr.Feature;
import org.gdal.ogr.Layer;

/**
 * Splits a layer into chunks of {@code chunkSize} features, one load task each. For a GeoPackage
 * the chunk boundaries are FIDs (reading starts at a FID through the primary key); for other
 * formats chunks are positions, reached with SetNextByIndex (direct for Shapefiles, by skipping
 * for text formats).
 */
final class ChunkPlanner {
    private ChunkPlanner() {}

    /**
     * The chunks, or a {@link BadInputException} when they would be more than {@code maxChunks}
     * load tasks (one stage of millions of tasks would be one huge transaction and doorbell burst).
     */
    static List<Chunk> plan(Dataset dataset, Layer layer, String driver, long featureCount, int chunkSize, int maxChunks) {
        long needed = (featureCount + chunkSize - 1) / chunkSize;
        if (needed > maxChunks) {
            long fits = (featureCount + maxChunks - 1) / maxChunks;
            throw new BadInputException(featureCount + " features in chunks of chunk_size " + chunkSize + " would be " + needed
                    + " load tasks; at most " + maxChunks + " are allowed (geoetl.vector.max-chunks): use chunk_size " + fits
                    + " or more");
        }
        int chunks = (int) needed;
        List<Long> fids = "GPKG".equals(driver) && !layer.GetFIDColumn().isEmpty()
                ? fidBoundaries(dataset, layer, featureCount, chunkSize) : List.of();
        boolean byFid = fids.size() == chunks;
        List<Chunk> plan = new ArrayList<>(chunks);
        for (int i = 0; i < chunks; i++) {
            long first = (long) i * chunkSize;
            long count = Math.min(chunkSize, featureCount - first);
            Long fidFrom = byFid ? fids.get(i) : null;
            Long fidTo = byFid && i + 1 < chunks ? fids.get(i + 1) : null;
            plan.add(new Chunk(i, first, count, fidFrom, fidTo));
        }
        return plan;
    }

    /**
     * The FID of every chunkSize-th feature in FID order (the first FID of each chunk). FIDs without
     * gaps (the usual case) give the boundaries by arithmetic; otherwise one window query finds them.
     */
    private static List<Long> fidBoundaries(Dataset dataset, Layer layer, long featureCount, int chunkSize) {
        String fid = quote(layer.GetFIDColumn());
        String table = quote(layer.GetName());
        List<Long> range = query(dataset, "SELECT MIN(" + fid + ") AS low, MAX(" + fid + ") AS high FROM " + table, 2);
        List<Long> boundaries = new ArrayList<>();
        if (range.size() == 2 && range.get(1) - range.get(0) + 1 == featureCount) {
            for (long first = range.get(0); first <= range.get(1); first += chunkSize) boundaries.add(first);
            return boundaries;
        }
        return query(dataset, "SELECT " + fid + " AS chunk_start FROM (SELECT " + fid + ", ROW_NUMBER() OVER (ORDER BY " + fid
                + ") - 1 AS n FROM " + table + ") WHERE n % " + chunkSize + " = 0 ORDER BY " + fid, 1);
    }

    /** The integer values of a SQL result, row by row ({@code columns} per row). */
    private static List<Long> query(Dataset dataset, String sql, int columns) {
        List<Long> values = new ArrayList<>();
        Layer result = dataset.ExecuteSQL(sql);
        if (result == null) return values;
        try {
            for (Feature row = result.GetNextFeature(); row != null; row = result.GetNextFeature()) {
                try {
                    for (int i = 0; i < columns; i++) values.add(row.GetFieldAsInteger64(i));
                } finally {
                    row.delete();
                }
            }
        } finally {
            dataset.ReleaseResultSet(result);
        }
        return values;
    }

    private static String quote(String name) {
        return "\"" + name.replace("\"", "\"\"") + "\"";
    }
}
