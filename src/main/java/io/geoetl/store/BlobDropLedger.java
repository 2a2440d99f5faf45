package io.geoetl.store;

import java.sql.Connection;
import java.util.List;

/**
 * All SQL on app.blob_drops: the blob versions (container, name, ETag) already turned into jobs
 * by a blob-drop trigger. A version is recorded after its job was submitted, so a crash in
 * between only leads to one more (idempotent) submission, never to a lost blob.
 */
public final class BlobDropLedger {
    private final Connection connection;

    BlobDropLedger(Connection connection) {
        this.connection = connection;
    }

    /**
     * Of the versions {@code names[i]} / {@code etags[i]} in {@code container}, the indexes of those
     * not recorded yet, ascending. One statement for a whole listing page.
     */
    public List<Integer> unrecorded(String container, String[] names, String[] etags) {
        if (names.length != etags.length) throw new IllegalArgumentException("names and etags differ in length");
        return Sql.query(connection, "select v.ord - 1 from unnest(?::text[], ?::text[]) with ordinality as v(blob_name, etag, ord) "
                        + "where not exists (select 1 from app.blob_drops d "
                        + "where d.container = ? and d.blob_name = v.blob_name and d.etag = v.etag) order by v.ord",
                rs -> rs.getInt(1), names, etags, container);
    }

    public boolean contains(String container, String blobName, String etag) {
        return Sql.queryOne(connection, "select 1 from app.blob_drops where container = ? and blob_name = ? and etag = ?",
                rs -> rs.getInt(1), container, blobName, etag) != null;
    }

    /** Records that {@code jobId} was submitted for this version; a version recorded before keeps its first row. */
    public void record(String container, String blobName, String etag, String jobId, String trigger) {
        Sql.execute(connection, "insert into app.blob_drops (container, blob_name, etag, job_id, trigger) values (?, ?, ?, ?, ?) "
                + "on conflict do nothing", container, blobName, etag, jobId, trigger);
    }
}
