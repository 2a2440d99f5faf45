package io.geoetl.features;

import static io.geoetl.features.FeatureTables.MERCATOR;
import static io.geoetl.features.FeatureTables.MERCATOR_LONLAT;
import static io.geoetl.features.FeatureTables.POINTS;
import static io.geoetl.features.FeatureTables.POINT_COUNT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import io.geoetl.jobs.Json;
import io.geoetl.testing.Api;
import io.geoetl.testing.RunningRouter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Mapbox vector tiles of real ingested tables, fetched over real HTTP and decoded. */
class VectorTilesTest {
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static RunningRouter router;

    @BeforeAll
    static void start() {
        router = RunningRouter.builder().start();
        FeatureTables.ingest(new Api(router.baseUrl()));
    }

    @AfterAll
    static void stop() {
        router.close();
    }

    @Test
    void aTileHoldsEveryFeatureOfItsAreaWithIdPropertiesAndPlace() {
        int z = 6;
        int x = column(FeatureTables.lon(1), z);
        int y = row(FeatureTables.lat(1), z);
        assertThat(column(FeatureTables.lon(POINT_COUNT), z)).as("the test points lie in one z6 tile").isEqualTo(x);
        assertThat(row(FeatureTables.lat(POINT_COUNT), z)).isEqualTo(y);

        HttpResponse<byte[]> reply = get("/api/features/collections/" + POINTS + "/tiles/" + z + "/" + x + "/" + y);
        assertThat(reply.statusCode()).isEqualTo(200);
        assertThat(reply.headers().firstValue("Content-Type")).hasValue("application/vnd.mapbox-vector-tile");
        MvtTile.Layer layer = MvtTile.read(reply.body()).layer(POINTS);
        assertThat(layer.extent()).isEqualTo(4096);
        assertThat(layer.features()).hasSize(POINT_COUNT);
        Map<Long, MvtTile.Feature> byId = new HashMap<>();
        layer.features().forEach(f -> byId.put(f.id(), f));
        assertThat(byId.keySet()).hasSize(POINT_COUNT);
        for (int i = 1; i <= POINT_COUNT; i++) {
            MvtTile.Feature feature = byId.get((long) i);
            assertThat(feature.type()).as("point").isEqualTo(1);
            assertThat(feature.properties()).containsEntry("name", "p" + i).containsEntry("rank", (long) i)
                    .containsEntry("kind", FeatureTables.kind(i)).containsEntry("opened", FeatureTables.FIRST_DAY.plusDays(i - 1).toString());
            int[] vertex = feature.vertices().get(0);
            double pixel = 360.0 / (1 << z) / 4096;
            assertThat(lon(x + vertex[0] / 4096.0, z)).isCloseTo(FeatureTables.lon(i), within(pixel));
            assertThat(lat(y + vertex[1] / 4096.0, z)).isCloseTo(FeatureTables.lat(i), within(pixel));
        }
    }

    @Test
    void aTableStoredInWebMercatorTilesTheWholeWorldAtZoomZero() {
        HttpResponse<byte[]> reply = get("/api/features/collections/" + MERCATOR + "/tiles/0/0/0");
        assertThat(reply.statusCode()).isEqualTo(200);
        MvtTile.Layer layer = MvtTile.read(reply.body()).layer(MERCATOR);
        assertThat(layer.features()).hasSize(MERCATOR_LONLAT.length);
        for (MvtTile.Feature feature : layer.features()) {
            double[] expected = MERCATOR_LONLAT[(int) feature.id() - 1];
            assertThat(feature.properties()).containsEntry("label", "m" + feature.id());
            int[] vertex = feature.vertices().get(0);
            assertThat(lon(vertex[0] / 4096.0, 0)).isCloseTo(expected[0], within(0.1));
            assertThat(lat(vertex[1] / 4096.0, 0)).isCloseTo(expected[1], within(0.1));
        }
    }

    @Test
    void aTileOutsideTheDataIsNoContent() {
        HttpResponse<byte[]> reply = get("/api/features/collections/" + POINTS + "/tiles/6/0/0");
        assertThat(reply.statusCode()).isEqualTo(204);
        assertThat(reply.body()).isEmpty();
    }

    @Test
    void theCollectionLinksItsTilesAsATemplate() {
        JsonNode links = Json.parse(new String(get("/api/features/collections/" + POINTS).body())).get("links");
        JsonNode tiles = FeaturesApiTest.link(links, "tiles");
        assertThat(tiles.get("href").asText()).isEqualTo(router.baseUrl() + "/api/features/collections/" + POINTS + "/tiles/{z}/{x}/{y}");
        assertThat(tiles.get("type").asText()).isEqualTo("application/vnd.mapbox-vector-tile");
        assertThat(tiles.get("templated").asBoolean()).isTrue();
    }

    @Test
    void anUnknownOrUncataloguedTableIsNotFound() {
        for (String id : new String[] {"no_such_table", FeatureTables.HIDDEN, "app.jobs"}) {
            HttpResponse<byte[]> reply = get("/api/features/collections/" + id + "/tiles/0/0/0");
            assertThat(reply.statusCode()).as(id).isEqualTo(404);
            assertThat(Json.parse(new String(reply.body())).get("code").asText()).isEqualTo("collection_not_found");
        }
    }

    @Test
    void tileCoordinatesOutsideTheMatrixAreBadRequests() {
        for (String zxy : new String[] {"25/0/0", "-1/0/0", "2/4/0", "2/0/4", "2/a/1", "3/1/1.5"}) {
            HttpResponse<byte[]> reply = get("/api/features/collections/" + POINTS + "/tiles/" + zxy);
            assertThat(reply.statusCode()).as(zxy).isEqualTo(400);
            JsonNode error = Json.parse(new String(reply.body()));
            assertThat(error.get("code").asText()).isEqualTo("tile_out_of_range");
            assertThat(error.get("message").asText()).contains("0..");
        }
    }

    private static int column(double lon, int z) {
        return (int) Math.floor((lon + 180) / 360 * (1 << z));
    }

    private static int row(double lat, int z) {
        double rad = Math.toRadians(lat);
        return (int) Math.floor((1 - Math.log(Math.tan(rad) + 1 / Math.cos(rad)) / Math.PI) / 2 * (1 << z));
    }

    private static double lon(double column, int z) {
        return column / (1 << z) * 360 - 180;
    }

    private static double lat(double row, int z) {
        return Math.toDegrees(Math.atan(Math.sinh(Math.PI * (1 - 2 * row / (1 << z)))));
    }

    private static HttpResponse<byte[]> get(String path) {
        try {
            return HTTP.send(HttpRequest.newBuilder(URI.create(router.baseUrl() + path)).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
