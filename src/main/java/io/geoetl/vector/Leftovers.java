package io.geoetl.vector;

import io.geoetl.store.Database;
import io.geoetl.work.BlobFetcher;
import java.time.Duration;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Removes what ingests leave behind: a failed ingest's own staging tables, registration and work
 * folder at once (bad input must leave nothing); and, swept at each prepare, the staging tables
 * and work folders of ingests that ended or vanished more than the configured age ago.
 */
final class Leftovers {
    private static final Logger LOG = LoggerFactory.getLogger(Leftovers.class);
    private final Database db;
    private final BlobFetcher fetcher;
    private final Duration maxAge;

    Leftovers(Database db, BlobFetcher fetcher, Duration maxAge) {
        this.db = db;
        this.fetcher = fetcher;
        this.maxAge = maxAge;
    }

    /** The job is queued or running (a job that no longer exists is not). */
    private boolean unfinished(String jobId) {
        return db.inTransaction(tx -> tx.jobs().find(jobId)).map(job -> !job.status().isFinal()).orElse(false);
    }

    /** Drops the job's staging tables, forgets its plan and batches, deletes its work folder. */
    void discard(String jobId) {
        db.inTransaction(tx -> {
            // tables first: DROP waits for running loads to commit, then the registration (and its batches) goes
            tx.vectorTables().stagingTables(IngestPlan.stagingTableFor(jobId)).forEach(tx.vectorTables()::dropStaging);
            tx.vectorIngests().delete(jobId);
            return null;
        });
        fetcher.discard(jobId);
    }

    void sweep() {
        fetcher.sweep(this::unfinished);
        List<String> orphans = db.inTransaction(tx -> tx.vectorIngests().orphanStagingTables(maxAge));
        for (String table : orphans) {
            try {
                db.inTransaction(tx -> {
                    tx.vectorTables().dropStaging(table);
                    return null;
                });
                LOG.info("dropped orphan staging table geo_staging.{}", table);
            } catch (RuntimeException e) {
                LOG.warn("could not drop orphan staging table geo_staging.{}: {}", table, e.getMessage());
            }
        }
    }
}
