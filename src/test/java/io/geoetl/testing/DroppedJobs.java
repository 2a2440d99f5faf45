package io.geoetl.testing;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Looks up the jobs blob-drop triggers created, by the blob (and ETag) named in their trigger parameter. */
public final class DroppedJobs {
    private DroppedJobs() {}

    /** Ids of the jobs for this blob ("container/name"), any ETag, oldest first. */
    public static List<String> forBlob(String blobPath) {
        return query("select job_id from app.jobs where parameters->'trigger'->>'blob' = ? order by created_at, job_id", blobPath);
    }

    /** Waits until a job for this blob version exists and returns its id. */
    public static String await(String blobPath, String etag, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            List<String> ids = query("select job_id from app.jobs where parameters->'trigger'->>'blob' = ? "
                    + "and parameters->'trigger'->>'etag' = ?", blobPath, unquote(etag));
            if (!ids.isEmpty()) return ids.get(0);
            Api.sleep(200);
        }
        throw new AssertionError("no job for " + blobPath + " etag " + etag + " within " + timeout + "; jobs for the blob: " + forBlob(blobPath));
    }

    /** Rows of the blob-drop ledger for this blob. */
    public static List<String> ledger(String container, String blobName) {
        return query("select etag || ' ' || trigger || ' ' || job_id from app.blob_drops where container = ? and blob_name = ? order by submitted_at",
                container, blobName);
    }

    /** Rows of a published table geo.{@code table}. */
    public static long rows(String table) {
        return TestDb.shared().count("select count(*) from geo.\"" + table + "\"");
    }

    /** Drops tables the real ingest_vector published from drops, with their catalog rows. */
    public static void dropTables(String... tables) {
        TestDb db = TestDb.shared();
        for (String table : tables) {
            db.exec("drop table if exists geo.\"" + table + "\"");
            db.exec("delete from geo.table_catalog where schema_name = 'geo' and table_name = ?", table);
        }
    }

    /** ETags as the storage service sends them in headers carry quotes; the ledger and triggers store them without. */
    public static String unquote(String etag) {
        return etag.replace("\"", "");
    }

    private static List<String> query(String sql, String... params) {
        try (Connection c = TestServices.get().connect(); PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) s.setString(i + 1, params[i]);
            List<String> rows = new ArrayList<>();
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) rows.add(rs.getString(1));
            }
            return rows;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
