package io.geoetl.store;

import io.geoetl.jobs.OrchestrationTx;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/** One open transaction and the repositories that work inside it. */
public final class Tx implements OrchestrationTx {
    private final Connection connection;

    Tx(Connection connection) {
        this.connection = connection;
    }

    public JobRepository jobs() {
        return new JobRepository(connection);
    }

    public TaskRepository tasks() {
        return new TaskRepository(connection);
    }

    public JobEventRepository events() {
        return new JobEventRepository(connection);
    }

    public BlobDropLedger blobDrops() {
        return new BlobDropLedger(connection);
    }

    /** Tables, catalog rows and STAC items jobs produced (cleanup). */
    public OutputRepository outputs() {
        return new OutputRepository(connection);
    }

    public VectorTableRepository vectorTables() {
        return new VectorTableRepository(connection);
    }

    public VectorIngestRepository vectorIngests() {
        return new VectorIngestRepository(connection);
    }

    /** The STAC catalogue (schema stac). */
    public StacRepository stac() {
        return new StacRepository(connection);
    }

    /** Indexes and planner statistics for searches on STAC item properties. */
    public StacSearchTuning stacSearchTuning() {
        return new StacSearchTuning(connection);
    }

    /** process_raster: the COGs it wrote (app.cog_metadata). */
    public CogMetadataRepository cogMetadata() {
        return new CogMetadataRepository(connection);
    }

    public CatalogRepository catalog() {
        return new CatalogRepository(connection);
    }

    /** promote_data: the audit rows and the schedule's events. */
    public PromotionRepository promotions() {
        return new PromotionRepository(connection);
    }

    /** promote_data: what a source table is and which version of it this is. */
    public PromotableTables promotableTables() {
        return new PromotableTables(connection);
    }

    /** From a table back to its blob: catalog row, ingest job, blob drop. */
    public LineageRepository lineage() {
        return new LineageRepository(connection);
    }

    /** The console's view of running jobs: progress, changes, stage counts, finishing rate. */
    public JobActivityRepository jobActivity() {
        return new JobActivityRepository(connection);
    }

    /** The record of janitor sweeps. */
    public JanitorRunRepository janitorRuns() {
        return new JanitorRunRepository(connection);
    }

    /** Serialises stage bookkeeping of one job until this transaction ends. */
    public void lockJob(String jobId) {
        Sql.execute(connection, "select pg_advisory_xact_lock(hashtextextended(?, 0))", jobId);
    }

    /** Tries to take a cluster-wide lock for this transaction; false when another holder has it. */
    public boolean tryLock(String name) {
        return Boolean.TRUE.equals(Sql.queryOne(connection, "select pg_try_advisory_xact_lock(hashtextextended(?, 0))",
                rs -> rs.getBoolean(1), name));
    }

    Connection connection() {
        return connection;
    }

    String queryString(String sql) {
        try (PreparedStatement statement = connection.prepareStatement(sql); ResultSet rs = statement.executeQuery()) {
            return rs.next() ? rs.getString(1) : null;
        } catch (SQLException e) {
            throw new StoreException(e);
        }
    }
}
