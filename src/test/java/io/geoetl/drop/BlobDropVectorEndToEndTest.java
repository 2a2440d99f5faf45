package io.geoetl.drop;

import static org.assertj.core.api.Assertions.assertThat;

import com.azure.core.util.BinaryData;
import com.azure.storage.blob.BlobContainerClient;
import com.azure.storage.blob.BlobServiceClientBuilder;
import com.fasterxml.jackson.databind.JsonNode;
import io.geoetl.testing.Api;
import io.geoetl.testing.DroppedJobs;
import io.geoetl.testing.RunningRouter;
import io.geoetl.testing.TestServices;
import io.geoetl.testing.Waiting;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Blob drops with the REAL ingest_vector: a GeoJSON uploaded to the watched container, or copied
 * into the inbox folder, becomes a PostGIS table and a catalog row with no HTTP submit; a restart
 * submits nothing again; a new version of the blob replaces the table (drops default to overwrite).
 */
class BlobDropVectorEndToEndTest {
    private static final Duration WAIT = Duration.ofMinutes(2);
    private static final String SUFFIX = UUID.randomUUID().toString().replace("-", "").substring(0, 8);
    private static final String CONTAINER = "drop-vector-" + SUFFIX;
    @TempDir
    static Path work;
    @TempDir
    static Path inbox;
    private static BlobContainerClient bronze;
    private static RunningRouter router;
    private static Api api;

    @BeforeAll
    static void start() {
        bronze = new BlobServiceClientBuilder().connectionString(TestServices.get().storageConnectionString).buildClient()
                .getBlobContainerClient(CONTAINER);
        router = router();
        api = new Api(router.baseUrl());
    }

    @AfterAll
    static void stop() {
        router.close();
        bronze.deleteIfExists();
        for (String table : new String[] {"parks_" + SUFFIX, "lakes_" + SUFFIX, "marker_" + SUFFIX}) {
            execute("drop table if exists geo." + table);
            execute("delete from geo.table_catalog where schema_name = 'geo' and table_name = '" + table + "'");
        }
    }

    /** The real router with every job type of production, polling the container and watching the inbox. */
    private static RunningRouter router() {
        return RunningRouter.builder()
                .property("geoetl.blob-drop.container", CONTAINER)
                .property("geoetl.blob-drop.poll.enabled", "true")
                .property("geoetl.blob-drop.poll.period", "300")
                .property("geoetl.blob-drop.inbox.enabled", "true")
                .property("geoetl.blob-drop.inbox.folder", inbox.toString())
                .property("geoetl.blob-drop.inbox.min-age", "1000")
                .property("geoetl.blob-drop.inbox.check-interval", "250")
                .property("geoetl.work.dir", work.toString())
                .start();
    }

    @Test
    void anUploadedGeoJsonBecomesATableOnceAndANewVersionReplacesIt() {
        String blob = "incoming/Parks " + SUFFIX + ".geojson";
        String table = "parks_" + SUFFIX;
        String firstEtag = upload(blob, points(3));

        String firstJob = DroppedJobs.await(CONTAINER + "/" + blob, firstEtag, WAIT);
        JsonNode first = api.waitForFinal(firstJob, WAIT);

        assertThat(first.get("status").asText()).as(first.toPrettyString()).isEqualTo("completed");
        assertThat(first.get("job_type").asText()).isEqualTo("ingest_vector");
        assertThat(first.get("parameters").get("table_name").asText()).as("the vector's default name").isEqualTo(table);
        assertThat(first.get("parameters").get("overwrite").asBoolean()).as("the drop default").isTrue();
        assertThat(first.get("result").get("tables")).extracting(JsonNode::asText).containsExactly(table);
        assertThat(count("select count(*) from geo." + table)).isEqualTo(3);
        assertThat(count("select count(*) from geo." + table + " where not st_isvalid(geom) or st_srid(geom) <> 4326")).isZero();
        assertThat(catalog(table)).containsExactly(firstJob + " " + CONTAINER + "/" + blob + " 3 " + firstEtag);

        // a restarted router lists the container again and submits nothing: a marker blob uploaded
        // after the restart gets its job, so the listing that skipped the parks blob has happened
        router.close();
        router = router();
        api = new Api(router.baseUrl());
        String markerEtag = upload("marker " + SUFFIX + ".geojson", points(1));
        JsonNode marker = api.waitForFinal(DroppedJobs.await(CONTAINER + "/marker " + SUFFIX + ".geojson", markerEtag, WAIT), WAIT);
        assertThat(marker.get("status").asText()).as(marker.toPrettyString()).isEqualTo("completed");
        assertThat(DroppedJobs.forBlob(CONTAINER + "/" + blob)).containsExactly(firstJob);
        assertThat(DroppedJobs.ledger(CONTAINER, blob)).hasSize(1);
        assertThat(catalog(table)).containsExactly(firstJob + " " + CONTAINER + "/" + blob + " 3 " + firstEtag);

        // a new version of the same blob replaces the table, no metadata needed
        String secondEtag = upload(blob, points(5));
        String secondJob = DroppedJobs.await(CONTAINER + "/" + blob, secondEtag, WAIT);
        JsonNode second = api.waitForFinal(secondJob, WAIT);

        assertThat(second.get("status").asText()).as(second.toPrettyString()).isEqualTo("completed");
        assertThat(count("select count(*) from geo." + table)).isEqualTo(5);
        assertThat(catalog(table)).containsExactly(secondJob + " " + CONTAINER + "/" + blob + " 5 " + secondEtag);
        assertThat(DroppedJobs.forBlob(CONTAINER + "/" + blob)).containsExactly(firstJob, secondJob);
        // the first ingest no longer owns the table: its cleanup lists no table to drop
        JsonNode cleanup = api.post("/api/jobs/" + firstJob + "/cleanup", "").body();
        assertThat(cleanup.get("outputs")).extracting(o -> o.get("kind").asText() + " " + o.get("exists").asBoolean())
                .containsExactly("rows false");
    }

    @Test
    void aGeoJsonCopiedIntoTheInboxBecomesATable() throws IOException {
        String table = "lakes_" + SUFFIX;
        Path file = inbox.resolve("Lakes_" + SUFFIX + ".geojson");
        Path part = inbox.resolve(file.getFileName() + ".part");
        Files.writeString(part, points(4), StandardCharsets.UTF_8);
        Files.move(part, file);

        Waiting.until(file.getFileName() + " leaving the inbox", WAIT, () -> !Files.exists(file));
        String etag = DroppedJobs.unquote(bronze.getBlobClient(file.getFileName().toString()).getProperties().getETag());
        String jobId = DroppedJobs.await(CONTAINER + "/" + file.getFileName(), etag, WAIT);
        JsonNode job = api.waitForFinal(jobId, WAIT);

        assertThat(job.get("status").asText()).as(job.toPrettyString()).isEqualTo("completed");
        assertThat(job.get("job_type").asText()).isEqualTo("ingest_vector");
        assertThat(count("select count(*) from geo." + table)).isEqualTo(4);
        assertThat(catalog(table)).containsExactly(jobId + " " + CONTAINER + "/" + file.getFileName() + " 4 " + etag);
    }

    private static String upload(String name, String content) {
        return DroppedJobs.unquote(bronze.getBlobClient(name).uploadWithResponse(
                new com.azure.storage.blob.options.BlobParallelUploadOptions(BinaryData.fromString(content)), null, null)
                .getValue().getETag());
    }

    /** A FeatureCollection of {@code n} points, property n = 0..n-1. */
    private static String points(int n) {
        StringBuilder features = new StringBuilder();
        for (int i = 0; i < n; i++) {
            if (i > 0) features.append(',');
            features.append("{\"type\": \"Feature\", \"properties\": {\"n\": ").append(i)
                    .append("}, \"geometry\": {\"type\": \"Point\", \"coordinates\": [").append(i).append(", 2]}}");
        }
        return "{\"type\": \"FeatureCollection\", \"features\": [" + features + "]}";
    }

    /** "job_id source feature_count etag" of the table's catalog rows. */
    private static List<String> catalog(String table) {
        return query("select job_id || ' ' || source || ' ' || feature_count || ' ' || replace(coalesce(source_etag, ''), '\"', '') from geo.table_catalog "
                + "where schema_name = 'geo' and table_name = ?", table);
    }

    private static long count(String sql) {
        return Long.parseLong(query(sql).get(0));
    }

    private static List<String> query(String sql, String... params) {
        try (Connection c = TestServices.get().connect(); PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) s.setString(i + 1, params[i]);
            List<String> rows = new java.util.ArrayList<>();
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) rows.add(rs.getString(1));
            }
            return rows;
        } catch (SQLException e) {
            throw new IllegalStateException(sql + ": " + e.getMessage(), e);
        }
    }

    private static void execute(String sql) {
        try (Connection c = TestServices.get().connect(); PreparedStatement s = c.prepareStatement(sql)) {
            s.execute();
        } catch (SQLException e) {
            throw new IllegalStateException(sql + ": " + e.getMessage(), e);
        }
    }
}
