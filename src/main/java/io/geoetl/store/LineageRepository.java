package io.geoetl.store;

import java.sql.Connection;
import java.time.OffsetDateTime;

/** The links that lead from a table back to the blob it came from: its catalog row, its ingest job, the blob drop. */
public final class LineageRepository {
    private final Connection connection;

    LineageRepository(Connection connection) {
        this.connection = connection;
    }

    /** What the catalog says about a table's origin. */
    public record CatalogOrigin(String source, String sourceEtag, String sourceFormat, String jobId, long featureCount,
                                OffsetDateTime createdAt, OffsetDateTime updatedAt) {}

    /** The job that wrote a table. */
    public record IngestJob(String jobId, String jobType, String status, OffsetDateTime createdAt, OffsetDateTime finishedAt) {}

    /** A blob version a trigger turned into a job, and when the trigger saw it. */
    public record BlobArrival(String container, String blobName, String etag, String trigger, OffsetDateTime arrivedAt) {}

    public CatalogOrigin catalogOrigin(TableName table) {
        return Sql.queryOne(connection, "select source, source_etag, source_format, job_id, feature_count, created_at, updated_at "
                        + "from geo.table_catalog where schema_name = ? and table_name = ?",
                rs -> new CatalogOrigin(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getLong(5),
                        rs.getObject(6, OffsetDateTime.class), rs.getObject(7, OffsetDateTime.class)),
                table.schema(), table.table());
    }

    public IngestJob job(String jobId) {
        return Sql.queryOne(connection, "select job_id, job_type, status, created_at, finished_at from app.jobs where job_id = ?",
                rs -> new IngestJob(rs.getString(1), rs.getString(2), rs.getString(3), rs.getObject(4, OffsetDateTime.class),
                        rs.getObject(5, OffsetDateTime.class)), jobId);
    }

    /** The blob drop that submitted {@code jobId}, or null when the job came through the API. */
    public BlobArrival arrivalOf(String jobId) {
        return Sql.queryOne(connection, "select container, blob_name, etag, trigger, submitted_at from app.blob_drops where job_id = ? "
                        + "order by submitted_at limit 1",
                rs -> new BlobArrival(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getObject(5, OffsetDateTime.class)),
                jobId);
    }
}
