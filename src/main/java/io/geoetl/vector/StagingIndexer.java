package io.geoetl.vector;

import io.geoetl.jobs.TaskLogContext;
import io.geoetl.store.Database;
import io.geoetl.store.VectorTableRepository;
import io.geoetl.store.VectorTableRepository.IndexBuild;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Indexes a loaded staging table: drops the bookkeeping columns, builds the id, GiST and requested
 * indexes at the same time, each in its own transaction and database session (CREATE INDEX
 * statements do not block each other; the GiST index takes longest), then makes the id index the
 * primary key and analyzes. Running it again after a failure finishes what is missing. Builds of
 * every finalize in this router share {@link IndexBuildSlots}, so they never take the connections
 * claims and heartbeats need.
 */
final class StagingIndexer {
    /** Index builds one finalize runs at once (each one PostgreSQL backend), within the router's slots. */
    private static final int BUILDERS = Math.max(2, Runtime.getRuntime().availableProcessors());
    private final Database db;
    private final IndexBuildSlots slots;

    StagingIndexer(Database db, IndexBuildSlots slots) {
        this.db = db;
        this.slots = slots;
    }

    void index(String table, List<String> indexColumns) {
        db.inTransaction(tx -> {
            tx.vectorTables().dropBookkeeping(table);
            return null;
        });
        List<IndexBuild> builds = VectorTableRepository.indexBuilds(table, indexColumns);
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(builds.size(), BUILDERS));
        try {
            List<Future<?>> running = new ArrayList<>();
            for (IndexBuild build : builds) {
                running.add(pool.submit(TaskLogContext.carry(() -> slots.run(() -> db.inTransaction(tx -> {
                    tx.vectorTables().build(build);
                    return null;
                })))));
            }
            for (Future<?> build : running) await(build);
        } finally {
            pool.shutdownNow();
        }
        db.inTransaction(tx -> {
            tx.vectorTables().completeIndexing(table);
            return null;
        });
    }

    private static void await(Future<?> build) {
        try {
            build.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while building indexes", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException failure) throw failure;
            throw new IllegalStateException(e.getCause());
        }
    }
}
