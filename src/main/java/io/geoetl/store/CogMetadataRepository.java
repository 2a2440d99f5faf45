package io.geoetl.store;

import java.sql.Connection;
import java.util.List;

/** The rows of app.cog_metadata (migration V200): one per COG that process_raster wrote, by collection, item and tier. */
public final class CogMetadataRepository {
    private final Connection connection;

    CogMetadataRepository(Connection connection) {
        this.connection = connection;
    }

    /** One COG as recorded; {@code bandsJson} is a JSON array of the bands (data type, nodata, statistics). */
    public record CogRow(String collectionId, String itemId, String tier, String jobId, String cogContainer, String cogBlob,
                         long sizeBytes, String sha256, int width, int height, int bandCount, String crs, String compression,
                         String bandsJson, String sourceBlob, String sourceEtag, String sourceSha256) {}

    /** Inserts the row, or replaces the one of the same collection, item and tier (a rerun replaces). */
    public void upsert(CogRow row) {
        Sql.execute(connection, "insert into app.cog_metadata (collection_id, item_id, tier, job_id, cog_container, cog_blob, size_bytes,"
                        + " sha256, width, height, band_count, crs, compression, bands, source_blob, source_etag, source_sha256)"
                        + " values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?, ?, ?)"
                        + " on conflict (collection_id, item_id, tier) do update set job_id = excluded.job_id,"
                        + " cog_container = excluded.cog_container, cog_blob = excluded.cog_blob, size_bytes = excluded.size_bytes,"
                        + " sha256 = excluded.sha256, width = excluded.width, height = excluded.height, band_count = excluded.band_count,"
                        + " crs = excluded.crs, compression = excluded.compression, bands = excluded.bands,"
                        + " source_blob = excluded.source_blob, source_etag = excluded.source_etag,"
                        + " source_sha256 = excluded.source_sha256, created_at = now()",
                row.collectionId(), row.itemId(), row.tier(), row.jobId(), row.cogContainer(), row.cogBlob(), row.sizeBytes(),
                row.sha256(), row.width(), row.height(), row.bandCount(), row.crs(), row.compression(), row.bandsJson(),
                row.sourceBlob(), row.sourceEtag(), row.sourceSha256());
    }

    /** The jobs other than {@code jobId} that wrote COGs of this item (an overwrite check). */
    public List<String> otherJobsOf(String collectionId, String itemId, String jobId) {
        return Sql.query(connection, "select distinct job_id from app.cog_metadata where collection_id = ? and item_id = ? and job_id <> ?",
                rs -> rs.getString(1), collectionId, itemId, jobId);
    }

    /** The jobs other than {@code jobId} that wrote COGs of any of these items (the overwrite check of a tiled raster). */
    public List<String> otherJobsOf(String collectionId, List<String> itemIds, String jobId) {
        return Sql.query(connection, "select distinct job_id from app.cog_metadata where collection_id = ? and item_id = any(?)"
                + " and job_id <> ?", rs -> rs.getString(1), collectionId, itemIds.toArray(String[]::new), jobId);
    }

    /** The source blobs (container/name) other than {@code sourceBlob} that COGs of this item were made from. */
    public List<String> otherSourcesOf(String collectionId, String itemId, String sourceBlob) {
        return Sql.query(connection, "select distinct source_blob from app.cog_metadata where collection_id = ? and item_id = ?"
                + " and source_blob <> ?", rs -> rs.getString(1), collectionId, itemId, sourceBlob);
    }

    /** The items whose COGs {@code jobId} wrote in {@code collectionId} (a tiled raster's tiles, a prefix job's rasters: what cleanup removes). */
    public List<String> itemsOfJob(String collectionId, String jobId) {
        return Sql.query(connection, "select distinct item_id from app.cog_metadata where collection_id = ? and job_id = ? order by item_id",
                rs -> rs.getString(1), collectionId, jobId);
    }

    /** Deletes the rows {@code jobId} wrote (bad input after a partial write). */
    public int deleteOfJob(String jobId) {
        return Sql.execute(connection, "delete from app.cog_metadata where job_id = ?", jobId);
    }
}
