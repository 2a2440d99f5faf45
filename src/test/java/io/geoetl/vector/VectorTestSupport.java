package io.geoetl.vector;

import static org.assertj.core.api.Assertions.assertThat;

import com.azure.storage.blob.BlobContainerClient;
import com.azure.storage.blob.BlobServiceClientBuilder;
import com.azure.core.util.BinaryData;
import com.fasterxml.jackson.databind.JsonNode;
import io.geoetl.jobs.Json;
import io.geoetl.testing.Api;
import io.geoetl.testing.TestServices;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Uploads test blobs to Azurite, submits ingests and reads what they wrote to PostGIS. */
final class VectorTestSupport {
    private VectorTestSupport() {}

    static BlobContainerClient container(String name) {
        BlobContainerClient container = new BlobServiceClientBuilder()
                .connectionString(TestServices.get().storageConnectionString).buildClient().getBlobContainerClient(name);
        container.createIfNotExists();
        return container;
    }

    static void upload(BlobContainerClient container, String blobName, byte[] content) {
        container.getBlobClient(blobName).upload(BinaryData.fromBytes(content), true);
    }

    static void upload(BlobContainerClient container, String blobName, Path file) {
        container.getBlobClient(blobName).uploadFromFile(file.toString(), true);
    }

    /** Submits an ingest (201 expected) and waits for its final state. */
    static JsonNode ingest(Api api, String parameters) {
        Api.Reply submitted = api.submit("ingest_vector", parameters);
        assertThat(submitted.status()).as(submitted.text()).isIn(200, 201);
        return api.waitForFinal(submitted.body().get("job_id").asText(), Duration.ofMinutes(3));
    }

    static JsonNode completed(JsonNode job) {
        assertThat(job.get("status").asText()).as(job.toPrettyString()).isEqualTo("completed");
        return job.get("result");
    }

    static long count(String sql, Object... params) {
        return ((Number) value(sql, params)).longValue();
    }

    static Object value(String sql, Object... params) {
        List<Map<String, Object>> rows = rows(sql, params);
        assertThat(rows).as(sql).hasSize(1);
        return rows.get(0).values().iterator().next();
    }

    static List<Map<String, Object>> rows(String sql, Object... params) {
        try (Connection c = TestServices.get().connect(); PreparedStatement statement = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) statement.setObject(i + 1, params[i]);
            try (ResultSet rs = statement.executeQuery()) {
                List<Map<String, Object>> rows = new ArrayList<>();
                while (rs.next()) {
                    Map<String, Object> row = new LinkedHashMap<>();
                    for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) row.put(rs.getMetaData().getColumnName(i), rs.getObject(i));
                    rows.add(row);
                }
                return rows;
            }
        } catch (SQLException e) {
            throw new IllegalStateException(sql + ": " + e.getMessage(), e);
        }
    }

    static void execute(String sql) {
        try (Connection c = TestServices.get().connect(); PreparedStatement statement = c.prepareStatement(sql)) {
            statement.execute();
        } catch (SQLException e) {
            throw new IllegalStateException(sql + ": " + e.getMessage(), e);
        }
    }

    static boolean tableExists(String schema, String table) {
        return (Boolean) value("select to_regclass(?) is not null", "\"" + schema + "\".\"" + table + "\"");
    }

    static List<String> columns(String schema, String table) {
        List<String> names = new ArrayList<>();
        rows("select column_name from information_schema.columns where table_schema = ? and table_name = ? order by ordinal_position",
                schema, table).forEach(row -> names.add((String) row.get("column_name")));
        return names;
    }

    /**
     * The published table has {@code rows} rows, every geometry valid, of type {@code geometryType}
     * with SRID {@code srid}, and a catalog row that says the same. Returns the catalog row.
     */
    static Map<String, Object> assertPublished(String schema, String table, long rows, String geometryType, int srid) {
        String qualified = "\"" + schema + "\".\"" + table + "\"";
        assertThat(tableExists(schema, table)).as(qualified + " exists").isTrue();
        assertThat(count("select count(*) from " + qualified)).as("rows of " + qualified).isEqualTo(rows);
        assertThat(count("select count(*) from " + qualified + " where not st_isvalid(geom)")).as("invalid geometries").isZero();
        assertThat(count("select count(*) from " + qualified + " where st_srid(geom) <> ?", srid)).as("rows with another SRID").isZero();
        assertThat(value("select type || case when coord_dimension = 3 then 'Z' else '' end from geometry_columns "
                + "where f_table_schema = ? and f_table_name = ?", schema, table)).isEqualTo(geometryType.toUpperCase());
        assertThat(count("select count(*) from pg_indexes where schemaname = ? and tablename = ? and indexdef like '%USING gist (geom)%'",
                schema, table)).as("GiST index").isEqualTo(1);
        List<Map<String, Object>> catalog = rows("select * from geo.table_catalog where schema_name = ? and table_name = ?", schema, table);
        assertThat(catalog).as("catalog row of " + qualified).hasSize(1);
        Map<String, Object> row = catalog.get(0);
        assertThat(row.get("feature_count")).isEqualTo(rows);
        assertThat(row.get("srid")).isEqualTo(srid);
        assertThat(row.get("geometry_type")).isEqualTo(geometryType);
        assertThat(row.get("bbox")).isNotNull();
        JsonNode columns = Json.parse(row.get("columns").toString());
        List<String> catalogued = new ArrayList<>();
        columns.forEach(column -> catalogued.add(column.get("name").asText()));
        assertThat(catalogued).isEqualTo(columns(schema, table));
        return row;
    }

    /** Nothing of the job is left: no staging table, no registration, no work folder. */
    static void assertNothingLeftBehind(String jobId, Path workDir) {
        assertThat(count("select count(*) from pg_tables where schemaname = 'geo_staging' and tablename like ?",
                IngestPlan.stagingTableFor(jobId) + "%")).as("staging tables").isZero();
        assertThat(count("select count(*) from app.vector_ingests where job_id = ?", jobId)).as("registration").isZero();
        assertThat(Files.exists(workDir.resolve(jobId))).as("work folder").isFalse();
    }

    static Path resource(String name) {
        // ../shared next to the project; GEOETL_SHARED_DIR points elsewhere (a clone in another folder)
        String shared = System.getenv().getOrDefault("GEOETL_SHARED_DIR", "../shared");
        return Path.of(shared, "testdata", "vector", name);
    }
}
