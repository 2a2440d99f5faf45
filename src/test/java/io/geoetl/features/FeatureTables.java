package io.geoetl.features;

import static org.assertj.core.api.Assertions.assertThat;

import com.azure.core.util.BinaryData;
import com.azure.storage.blob.BlobContainerClient;
import com.azure.storage.blob.BlobServiceClientBuilder;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.geoetl.jobs.Json;
import io.geoetl.testing.Api;
import io.geoetl.testing.TestServices;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDate;

/**
 * The tables the Features tests read, ingested for real (Azurite → ingest_vector → PostGIS →
 * geo.table_catalog): {@code fx_points} (35 points in EPSG:4326 with a time column) and
 * {@code fx_mercator} (5 points stored in EPSG:3857), plus {@code fx_hidden}, a table in the geo
 * schema without a catalog row.
 */
final class FeatureTables {
    static final String POINTS = "fx_points";
    static final String MERCATOR = "fx_mercator";
    static final String HIDDEN = "fx_hidden";
    static final int POINT_COUNT = 35;
    static final LocalDate FIRST_DAY = LocalDate.of(2024, 1, 1);
    /** lon/lat of the mercator table's points, as uploaded. */
    static final double[][] MERCATOR_LONLAT = {{8.5417, 47.3769}, {-73.9857, 40.7484}, {151.2153, -33.8568}, {-0.1276, 51.5072},
        {139.6917, 35.6895}};
    private static final String CONTAINER = "features-test";

    private FeatureTables() {}

    static double lon(int i) {
        return 8 + i * 0.01;
    }

    static double lat(int i) {
        return 47 + i * 0.005;
    }

    /** The i-th point (1-based, as its id): name p<i>, rank i, kind a for odd i and b for even, opened FIRST_DAY + i - 1 days. */
    static String kind(int i) {
        return i % 2 == 1 ? "a" : "b";
    }

    static void ingest(Api api) {
        BlobContainerClient container = new BlobServiceClientBuilder()
                .connectionString(TestServices.get().storageConnectionString).buildClient().getBlobContainerClient(CONTAINER);
        container.createIfNotExists();
        upload(container, "points.geojson", points());
        upload(container, "mercator.geojson", mercator());
        completed(api, "{\"container\": \"" + CONTAINER + "\", \"blob_name\": \"points.geojson\", \"table_name\": \"" + POINTS
                + "\", \"time_column\": \"opened\", \"overwrite\": true, \"title\": \"Test points\"}");
        completed(api, "{\"container\": \"" + CONTAINER + "\", \"blob_name\": \"mercator.geojson\", \"table_name\": \"" + MERCATOR
                + "\", \"target_crs\": \"EPSG:3857\", \"overwrite\": true}");
        try (Connection c = TestServices.get().connect(); Statement s = c.createStatement()) {
            s.execute("create table if not exists geo." + HIDDEN + " (id bigint primary key, geom geometry(Point, 4326))");
            s.execute("insert into geo." + HIDDEN + " values (1, 'SRID=4326;POINT(1 1)') on conflict do nothing");
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String points() {
        ArrayNode features = Json.array();
        for (int i = 1; i <= POINT_COUNT; i++) {
            ObjectNode feature = features.addObject().put("type", "Feature");
            feature.putObject("properties").put("name", "p" + i).put("rank", i).put("kind", kind(i))
                    .put("opened", FIRST_DAY.plusDays(i - 1).toString());
            feature.putObject("geometry").put("type", "Point").putArray("coordinates").add(lon(i)).add(lat(i));
        }
        return collection(features);
    }

    private static String mercator() {
        ArrayNode features = Json.array();
        for (int i = 0; i < MERCATOR_LONLAT.length; i++) {
            ObjectNode feature = features.addObject().put("type", "Feature");
            feature.putObject("properties").put("label", "m" + (i + 1));
            feature.putObject("geometry").put("type", "Point").putArray("coordinates").add(MERCATOR_LONLAT[i][0]).add(MERCATOR_LONLAT[i][1]);
        }
        return collection(features);
    }

    private static String collection(ArrayNode features) {
        ObjectNode collection = Json.object().put("type", "FeatureCollection");
        collection.set("features", features);
        return Json.write(collection);
    }

    private static void upload(BlobContainerClient container, String name, String content) {
        container.getBlobClient(name).upload(BinaryData.fromString(content), true);
    }

    private static void completed(Api api, String parameters) {
        Api.Reply submitted = api.submit("ingest_vector", parameters);
        assertThat(submitted.status()).as(submitted.text()).isIn(200, 201);
        JsonNode job = api.waitForFinal(submitted.body().get("job_id").asText(), Duration.ofMinutes(3));
        assertThat(job.get("status").asText()).as(job.toPrettyString()).isEqualTo("completed");
    }
}
