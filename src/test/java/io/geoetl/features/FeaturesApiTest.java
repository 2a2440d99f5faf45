package io.geoetl.features;

import static io.geoetl.features.FeatureTables.HIDDEN;
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
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** OGC API Features over real ingested tables, through real HTTP: every endpoint and parameter, and the errors. */
class FeaturesApiTest {
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
    void theLandingPageLinksConformanceDataAndTheApiDefinition() {
        HttpResponse<String> reply = get("/api/features");
        assertThat(reply.statusCode()).isEqualTo(200);
        assertThat(reply.headers().firstValue("Content-Type")).hasValue("application/json");
        JsonNode links = Json.parse(reply.body()).get("links");
        assertThat(link(links, "self").get("href").asText()).isEqualTo(router.baseUrl() + "/api/features");
        assertThat(link(links, "conformance").get("href").asText()).isEqualTo(router.baseUrl() + "/api/features/conformance");
        assertThat(link(links, "data").get("href").asText()).isEqualTo(router.baseUrl() + "/api/features/collections");
        JsonNode serviceDesc = link(links, "service-desc");
        assertThat(serviceDesc.get("href").asText()).isEqualTo(router.baseUrl() + "/api/openapi.json");
        assertThat(serviceDesc.get("type").asText()).isEqualTo("application/vnd.oai.openapi+json;version=3.0");
    }

    @Test
    void linksFollowTheForwardedHostAndProtocolOfAProxy() {
        HttpResponse<String> reply = send(HttpRequest.newBuilder(URI.create(router.baseUrl() + "/api/features"))
                .header("X-Forwarded-Proto", "https").header("X-Forwarded-Host", "maps.example.org").GET());
        assertThat(link(Json.parse(reply.body()).get("links"), "self").get("href").asText()).isEqualTo("https://maps.example.org/api/features");
    }

    @Test
    void conformanceDeclaresCoreGeoJsonAndOpenApi() {
        JsonNode conformance = json("/api/features/conformance");
        List<String> classes = new ArrayList<>();
        conformance.get("conformsTo").forEach(c -> classes.add(c.asText()));
        assertThat(classes).containsExactlyInAnyOrder(
                "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/core",
                "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/geojson",
                "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/oas30");
    }

    @Test
    void collectionsListCataloguedTablesOnly() {
        JsonNode collections = json("/api/features/collections").get("collections");
        List<String> ids = new ArrayList<>();
        collections.forEach(c -> ids.add(c.get("id").asText()));
        assertThat(ids).contains(POINTS, MERCATOR).doesNotContain(HIDDEN);
    }

    @Test
    void aCollectionHasItsExtentInCrs84ItsTimeRangeAndItemType() {
        JsonNode points = json("/api/features/collections/" + POINTS);
        assertThat(points.get("id").asText()).isEqualTo(POINTS);
        assertThat(points.get("title").asText()).isEqualTo("Test points");
        assertThat(points.get("itemType").asText()).isEqualTo("feature");
        assertThat(points.get("crs").get(0).asText()).isEqualTo("http://www.opengis.net/def/crs/OGC/1.3/CRS84");
        JsonNode bbox = points.at("/extent/spatial/bbox/0");
        assertThat(bbox.get(0).asDouble()).isCloseTo(FeatureTables.lon(1), within(1e-9));
        assertThat(bbox.get(1).asDouble()).isCloseTo(FeatureTables.lat(1), within(1e-9));
        assertThat(bbox.get(2).asDouble()).isCloseTo(FeatureTables.lon(POINT_COUNT), within(1e-9));
        assertThat(bbox.get(3).asDouble()).isCloseTo(FeatureTables.lat(POINT_COUNT), within(1e-9));
        assertThat(points.at("/extent/temporal/interval/0/0").asText()).isEqualTo("2024-01-01T00:00:00Z");
        assertThat(points.at("/extent/temporal/interval/0/1").asText()).isEqualTo("2024-02-04T00:00:00Z");
        assertThat(link(points.get("links"), "items").get("href").asText())
                .isEqualTo(router.baseUrl() + "/api/features/collections/" + POINTS + "/items");

        JsonNode mercator = json("/api/features/collections/" + MERCATOR).at("/extent/spatial/bbox/0");
        assertThat(mercator.get(0).asDouble()).isCloseTo(-73.9857, within(1e-6));
        assertThat(mercator.get(1).asDouble()).isCloseTo(-33.8568, within(1e-6));
        assertThat(mercator.get(2).asDouble()).isCloseTo(151.2153, within(1e-6));
        assertThat(mercator.get(3).asDouble()).isCloseTo(51.5072, within(1e-6));
    }

    @Test
    void aCollectionCarriesItsCatalogRow() {
        JsonNode catalog = json("/api/features/collections/" + POINTS).get("geoetl:catalog");
        assertThat(catalog.get("source").asText()).isEqualTo("features-test/points.geojson");
        assertThat(catalog.get("feature_count").asLong()).isEqualTo(POINT_COUNT);
        assertThat(catalog.get("srid").asInt()).isEqualTo(4326);
        assertThat(catalog.get("job_id").asText()).hasSize(64);
        List<String> columns = new ArrayList<>();
        catalog.get("columns").forEach(c -> columns.add(c.get("name").asText()));
        assertThat(columns).contains("name", "rank", "kind", "opened");
        assertThat(catalog.get("cleaning").isObject()).isTrue();
    }

    @Test
    void itemsAreAGeoJsonFeatureCollectionOfTenByDefault() {
        HttpResponse<String> reply = get("/api/features/collections/" + POINTS + "/items");
        assertThat(reply.statusCode()).isEqualTo(200);
        assertThat(reply.headers().firstValue("Content-Type")).hasValue("application/geo+json");
        JsonNode page = Json.parse(reply.body());
        assertThat(page.get("type").asText()).isEqualTo("FeatureCollection");
        assertThat(page.get("numberMatched").asLong()).isEqualTo(POINT_COUNT);
        assertThat(page.get("numberReturned").asInt()).isEqualTo(10);
        assertThat(page.get("features")).hasSize(10);
        JsonNode first = page.get("features").get(0);
        assertThat(first.get("id").asLong()).isEqualTo(1);
        assertThat(first.at("/geometry/type").asText()).isEqualTo("MultiPoint");
        assertThat(first.at("/geometry/coordinates/0/0").asDouble()).isCloseTo(FeatureTables.lon(1), within(1e-9));
        assertThat(first.at("/geometry/coordinates/0/1").asDouble()).isCloseTo(FeatureTables.lat(1), within(1e-9));
        assertThat(first.at("/properties/name").asText()).isEqualTo("p1");
        assertThat(first.at("/properties/rank").asInt()).isEqualTo(1);
        assertThat(first.at("/properties/opened").asText()).isEqualTo("2024-01-01");
        assertThat(link(page.get("links"), "next").get("href").asText()).endsWith("/items?after=10");
    }

    @Test
    void pagingAcrossFourPagesLosesAndRepeatsNothing() {
        List<Long> ids = new ArrayList<>();
        String url = router.baseUrl() + "/api/features/collections/" + POINTS + "/items?limit=12";
        int pages = 0;
        while (url != null) {
            JsonNode page = Json.parse(send(HttpRequest.newBuilder(URI.create(url)).GET()).body());
            pages++;
            assertThat(page.get("numberMatched").asLong()).isEqualTo(POINT_COUNT);
            assertThat(page.get("numberReturned").asInt()).isEqualTo(page.get("features").size());
            page.get("features").forEach(f -> ids.add(f.get("id").asLong()));
            JsonNode next = link(page.get("links"), "next");
            url = next == null ? null : next.get("href").asText();
        }
        assertThat(pages).isEqualTo(3);
        assertThat(ids).containsExactlyElementsOf(IntStream.rangeClosed(1, POINT_COUNT).mapToObj(i -> (long) i).toList());
    }

    @Test
    void theNextLinkKeepsTheFilters() {
        JsonNode page = json("/api/features/collections/" + POINTS + "/items?kind=a&limit=5");
        assertThat(page.get("numberMatched").asLong()).isEqualTo(18);
        Set<Long> ids = new HashSet<>();
        String url = link(page.get("links"), "next").get("href").asText();
        assertThat(url).contains("kind=a").contains("limit=5").contains("after=9");
        page.get("features").forEach(f -> ids.add(f.get("id").asLong()));
        while (url != null) {
            JsonNode next = Json.parse(send(HttpRequest.newBuilder(URI.create(url)).GET()).body());
            next.get("features").forEach(f -> assertThat(ids.add(f.get("id").asLong())).isTrue());
            JsonNode link = link(next.get("links"), "next");
            url = link == null ? null : link.get("href").asText();
        }
        assertThat(ids).hasSize(18).allMatch(id -> id % 2 == 1);
    }

    @Test
    void bboxSelectsThePointsInsideIt() {
        // points 10..20 lie within lon 8.095..8.205, lat 47.0475..47.1025
        JsonNode page = json("/api/features/collections/" + POINTS + "/items?limit=100&bbox=8.095,47.0,8.205,47.2");
        assertThat(ids(page)).containsExactlyElementsOf(IntStream.rangeClosed(10, 20).mapToObj(i -> (long) i).toList());
        assertThat(page.get("numberMatched").asLong()).isEqualTo(11);
        assertThat(json("/api/features/collections/" + POINTS + "/items?bbox=-10,-10,-5,-5").get("numberReturned").asInt()).isZero();
    }

    @Test
    void datetimeFiltersOnTheTimeColumn() {
        String items = "/api/features/collections/" + POINTS + "/items?limit=100&datetime=";
        assertThat(ids(json(items + "2024-01-05"))).containsExactly(5L);
        assertThat(ids(json(items + enc("2024-01-05T00:00:00Z")))).containsExactly(5L);
        assertThat(ids(json(items + enc("2024-01-03/2024-01-06")))).containsExactly(3L, 4L, 5L, 6L);
        assertThat(ids(json(items + enc("../2024-01-02")))).containsExactly(1L, 2L);
        assertThat(ids(json(items + enc("2024-02-03/..")))).containsExactly(34L, 35L);
        assertThat(ids(json(items + enc("/2024-01-01")))).containsExactly(1L);
    }

    @Test
    void equalityFiltersOnCataloguedColumnsCombine() {
        String items = "/api/features/collections/" + POINTS + "/items?limit=100";
        assertThat(ids(json(items + "&rank=7"))).containsExactly(7L);
        assertThat(ids(json(items + "&name=p12"))).containsExactly(12L);
        assertThat(ids(json(items + "&kind=b&bbox=8.095,47.0,8.205,47.2"))).containsExactly(10L, 12L, 14L, 16L, 18L, 20L);
        assertThat(ids(json(items + "&kind=b&datetime=2024-01-01/2024-01-04"))).containsExactly(2L, 4L);
        assertThat(ids(json(items + "&opened=2024-01-09"))).containsExactly(9L);
    }

    @Test
    void aTableStoredInWebMercatorIsServedInCrs84() {
        JsonNode page = json("/api/features/collections/" + MERCATOR + "/items");
        assertThat(page.get("features")).hasSize(MERCATOR_LONLAT.length);
        for (JsonNode feature : page.get("features")) {
            double[] expected = MERCATOR_LONLAT[feature.get("id").asInt() - 1];
            assertThat(feature.at("/geometry/coordinates/0/0").asDouble()).as("lon of %s", feature).isCloseTo(expected[0], within(1e-7));
            assertThat(feature.at("/geometry/coordinates/0/1").asDouble()).as("lat of %s", feature).isCloseTo(expected[1], within(1e-7));
        }
        // a CRS84 box around Europe (poles included) finds Zurich and London in the 3857 table
        assertThat(ids(json("/api/features/collections/" + MERCATOR + "/items?bbox=-10,-90,20,90"))).containsExactly(1L, 4L);
        assertThat(ids(json("/api/features/collections/" + MERCATOR + "/items?bbox=-180,-90,180,90"))).hasSize(5);
    }

    @Test
    void oneFeatureByItsKey() {
        HttpResponse<String> reply = get("/api/features/collections/" + POINTS + "/items/3");
        assertThat(reply.statusCode()).isEqualTo(200);
        assertThat(reply.headers().firstValue("Content-Type")).hasValue("application/geo+json");
        JsonNode feature = Json.parse(reply.body());
        assertThat(feature.get("type").asText()).isEqualTo("Feature");
        assertThat(feature.get("id").asLong()).isEqualTo(3);
        assertThat(feature.at("/properties/name").asText()).isEqualTo("p3");
        assertThat(link(feature.get("links"), "self").get("href").asText())
                .isEqualTo(router.baseUrl() + "/api/features/collections/" + POINTS + "/items/3");
        JsonNode mercator = json("/api/features/collections/" + MERCATOR + "/items/3");
        assertThat(mercator.at("/geometry/coordinates/0/0").asDouble()).isCloseTo(MERCATOR_LONLAT[2][0], within(1e-7));
    }

    @Test
    void tablesOutsideTheCatalogueAndMissingFeaturesAre404() {
        assertError(get("/api/features/collections/" + HIDDEN), 404, "collection_not_found");
        assertError(get("/api/features/collections/" + HIDDEN + "/items"), 404, "collection_not_found");
        assertError(get("/api/features/collections/no_such_table/items/1"), 404, "collection_not_found");
        assertError(get("/api/features/collections/" + enc("Robert'); drop table x;--") + "/items"), 404, "collection_not_found");
        assertError(get("/api/features/collections/app.jobs/items"), 404, "collection_not_found");
        assertError(get("/api/features/collections/" + POINTS + "/items/999"), 404, "feature_not_found");
        assertError(get("/api/features/collections/" + POINTS + "/items/abc"), 404, "feature_not_found");
    }

    @Test
    void badParametersAre400WithTheReason() {
        String items = "/api/features/collections/" + POINTS + "/items?";
        assertError(get(items + "bbox=1,2,3"), 400, "invalid_query");
        assertError(get(items + "bbox=10,2,3,4"), 400, "invalid_query");
        assertError(get(items + "bbox=a,2,3,4"), 400, "invalid_query");
        assertError(get(items + "limit=0"), 400, "invalid_query");
        assertError(get(items + "limit=10001"), 400, "invalid_query");
        assertError(get(items + "limit=ten"), 400, "invalid_query");
        assertError(get(items + "after=x"), 400, "invalid_query");
        assertError(get(items + "datetime=yesterday"), 400, "invalid_query");
        assertError(get(items + "datetime=" + enc("2024-02-01/2024-01-01")), 400, "invalid_query");
        assertError(get(items + "rank=high"), 400, "invalid_query");
        assertError(get(items + "limit=5&limit=6"), 400, "invalid_query");
        assertError(get(items + "bbox-crs=EPSG:3857"), 400, "invalid_query");
        HttpResponse<String> unknown = get(items + "colour=red");
        assertError(unknown, 400, "unknown_filter_column");
        assertThat(Json.parse(unknown.body()).get("message").asText()).contains("colour").contains("rank");
        assertError(get("/api/features/collections/" + MERCATOR + "/items?datetime=2024-01-01"), 400, "no_time_column");
    }

    /** Large pages are sent chunked while they are written (AbandonedPageTest); one that fits in the first 64 KiB comes in one piece. */
    @Test
    void aPageOfTheMaximumSizeThatFitsInOneChunkComesWithItsLength() {
        HttpResponse<String> reply = get("/api/features/collections/" + POINTS + "/items?limit=10000");
        assertThat(reply.headers().firstValue("Content-Length")).as("the whole page, sent in one piece")
                .hasValue(Integer.toString(reply.body().getBytes(StandardCharsets.UTF_8).length));
        JsonNode page = Json.parse(reply.body());
        assertThat(page.get("numberReturned").asInt()).isEqualTo(POINT_COUNT);
        assertThat(link(page.get("links"), "next")).isNull();
    }

    private static List<Long> ids(JsonNode page) {
        List<Long> ids = new ArrayList<>();
        page.get("features").forEach(f -> ids.add(f.get("id").asLong()));
        return ids;
    }

    private static void assertError(HttpResponse<String> reply, int status, String code) {
        assertThat(reply.statusCode()).as(reply.body()).isEqualTo(status);
        assertThat(reply.headers().firstValue("Content-Type")).hasValue("application/json");
        JsonNode body = Json.parse(reply.body());
        assertThat(body.get("code").asText()).isEqualTo(code);
        assertThat(body.get("message").asText()).isNotBlank();
        assertThat(body.has("details")).isTrue();
    }

    static JsonNode link(JsonNode links, String rel) {
        for (JsonNode link : links) {
            if (link.get("rel").asText().equals(rel)) return link;
        }
        return null;
    }

    private static String enc(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

    private static JsonNode json(String path) {
        HttpResponse<String> reply = get(path);
        assertThat(reply.statusCode()).as(path + ": " + reply.body()).isEqualTo(200);
        return Json.parse(reply.body());
    }

    private static HttpResponse<String> get(String path) {
        return send(HttpRequest.newBuilder(URI.create(router.baseUrl() + path)).GET());
    }

    private static HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
