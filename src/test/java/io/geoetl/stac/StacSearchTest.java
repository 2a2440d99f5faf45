package io.geoetl.stac;

import static io.geoetl.stac.StacFixtures.createCollection;
import static io.geoetl.stac.StacFixtures.item;
import static io.geoetl.stac.StacFixtures.postItems;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.geoetl.jobs.Json;
import io.geoetl.testing.Api;
import io.geoetl.testing.RunningRouter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Item search (GET and POST /api/stac/search) and a collection's items through real HTTP: every
 * parameter, keyset paging by the links, and the 400s that name the bad parameter. Two
 * collections: "grid" with 30 points on a line (i, i/2) an hour apart, "other" with 5.
 */
class StacSearchTest {
    private static RunningRouter router;
    private static Api api;

    @BeforeAll
    static void start() {
        router = RunningRouter.builder().start();
        api = new Api(router.baseUrl());
        StacFixtures.deleteAll(api);
        createCollection(api, "grid");
        createCollection(api, "other");
        List<ObjectNode> grid = new ArrayList<>();
        for (int i = 0; i < 30; i++) grid.add(item("g" + i, i, i / 2.0, i, i));
        postItems(api, "grid", grid);
        List<ObjectNode> other = new ArrayList<>();
        for (int i = 0; i < 5; i++) other.add(item("o" + i, -i - 1, -i - 1, 100 + i, 100 + i));
        postItems(api, "other", other);
    }

    @AfterAll
    static void stop() {
        router.close();
    }

    @Test
    void aSearchReturnsTenItemsNewestFirstByDefaultAsValidItems() {
        JsonNode page = get("/api/stac/search?collections=grid,other");
        assertThat(ids(page)).containsExactly("o4", "o3", "o2", "o1", "o0", "g29", "g28", "g27", "g26", "g25");
        assertThat(page.get("numberReturned").asInt()).isEqualTo(10);
        StacSchemas.assertItemCollection(page);
    }

    @Test
    void pagingByNextLinksVisitsEveryItemOnceAcrossThreePagesAndPrevLeadsBack() {
        List<JsonNode> pages = new ArrayList<>();
        JsonNode page = get("/api/stac/collections/grid/items?limit=12");
        pages.add(page);
        while (link(page, "next") != null) {
            page = get(link(page, "next").get("href").asText());
            pages.add(page);
        }
        assertThat(pages).hasSize(3);
        List<String> seen = new ArrayList<>();
        pages.forEach(p -> seen.addAll(ids(p)));
        assertThat(seen).hasSize(30).doesNotHaveDuplicates();
        assertThat(link(pages.get(0), "prev")).isNull();
        JsonNode back = get(link(pages.get(2), "prev").get("href").asText());
        assertThat(ids(back)).isEqualTo(ids(pages.get(1)));
        JsonNode first = get(link(back, "prev").get("href").asText());
        assertThat(ids(first)).isEqualTo(ids(pages.get(0)));
    }

    @Test
    void pagingLosesAndRepeatsNothingWhileItemsAreInsertedBetweenPages() {
        createCollection(api, "moving");
        List<ObjectNode> items = new ArrayList<>();
        for (int i = 0; i < 25; i++) items.add(item("m" + i, i, 0, i * 2, i));
        postItems(api, "moving", items);
        Set<String> original = new HashSet<>();
        items.forEach(i -> original.add(i.get("id").asText()));
        List<String> seen = new ArrayList<>();
        JsonNode page = get("/api/stac/search?collections=moving&limit=10");
        int inserted = 0;
        while (true) {
            seen.addAll(ids(page));
            // new items both before and after the position reached, with times between the existing ones
            postItems(api, "moving", List.of(item("new" + inserted, 1, 1, inserted * 2 + 1, 0), item("new" + (inserted + 1), 1, 1, 49 - inserted, 0)));
            inserted += 2;
            JsonNode next = link(page, "next");
            if (next == null) break;
            page = get(next.get("href").asText());
        }
        api.send("DELETE", "/api/stac/collections/moving", null);
        assertThat(seen).doesNotHaveDuplicates();
        assertThat(seen).containsAll(original);
    }

    @Test
    void postSearchTakesTheSameParametersAndItsLinksRepeatTheBody() {
        Api.Reply reply = api.post("/api/stac/search", "{\"collections\": [\"grid\"], \"limit\": 7, \"sortby\": [{\"field\": \"properties.n\", \"direction\": \"asc\"}]}");
        assertThat(reply.status()).isEqualTo(200);
        assertThat(ids(reply.body())).containsExactly("g0", "g1", "g2", "g3", "g4", "g5", "g6");
        JsonNode next = link(reply.body(), "next");
        assertThat(next.get("method").asText()).isEqualTo("POST");
        JsonNode second = api.post("/api/stac/search", Json.write(next.get("body"))).body();
        assertThat(ids(second)).containsExactly("g7", "g8", "g9", "g10", "g11", "g12", "g13");
    }

    @Test
    void bboxAndIntersectsSelectByGeometry() {
        assertThat(ids(get("/api/stac/search?collections=grid,other&bbox=4.5,0,8.5,10&sortby=n"))).containsExactly("g5", "g6", "g7", "g8");
        assertThat(ids(get("/api/stac/search?collections=grid,other&bbox=4.5,0,0,8.5,10,100&sortby=n"))).containsExactly("g5", "g6", "g7", "g8");
        String polygon = "{\"type\":\"Polygon\",\"coordinates\":[[[-2.5,-2.5],[-0.5,-2.5],[-0.5,-0.5],[-2.5,-0.5],[-2.5,-2.5]]]}";
        JsonNode post = api.post("/api/stac/search", "{\"collections\": [\"grid\", \"other\"], \"intersects\": " + polygon + ", \"sortby\": \"id\"}").body();
        assertThat(ids(post)).containsExactly("o0", "o1");
        JsonNode viaGet = get("/api/stac/search?collections=grid,other&sortby=id&intersects=" + encode(polygon));
        assertThat(ids(viaGet)).containsExactly("o0", "o1");
    }

    @Test
    void datetimeTakesInstantsClosedAndOpenEndedIntervals() {
        assertThat(ids(get("/api/stac/search?collections=grid,other&datetime=2024-01-01T03:00:00Z"))).containsExactly("g3");
        assertThat(ids(get("/api/stac/search?collections=grid,other&datetime=2024-01-01T03:00:00Z/2024-01-01T05:00:00Z&sortby=n"))).containsExactly("g3", "g4", "g5");
        assertThat(ids(get("/api/stac/search?collections=grid,other&datetime=../2024-01-01T01:00:00Z&sortby=n"))).containsExactly("g0", "g1");
        assertThat(ids(get("/api/stac/search?collections=grid,other&datetime=2024-01-05T07:00:00Z/..&sortby=n"))).containsExactly("o3", "o4");
        assertThat(ids(get("/api/stac/search?collections=grid,other&datetime=/2024-01-01T00:00:00%2B00:00"))).containsExactly("g0");
        assertThat(ids(get("/api/stac/collections/grid/items?datetime=2024-01-02T05:00:00Z/.."))).containsExactly("g29");
    }

    @Test
    void idsCollectionsLimitSortbyAndFieldsWork() {
        assertThat(ids(get("/api/stac/search?collections=grid,other&ids=g3,o2,nothing&sortby=id"))).containsExactly("g3", "o2");
        assertThat(ids(get("/api/stac/search?collections=other&sortby=-id"))).containsExactly("o4", "o3", "o2", "o1", "o0");
        assertThat(get("/api/stac/search?limit=3").get("features")).hasSize(3);
        assertThat(get("/api/stac/search?limit=100&collections=grid").get("features")).hasSize(30);
        assertThat(ids(get("/api/stac/search?collections=grid&sortby=-kind,%2Bn&limit=3"))).containsExactly("g1", "g3", "g5");
        JsonNode only = get("/api/stac/search?ids=g3&fields=properties.n,-links").get("features").get(0);
        assertThat(only.has("links")).isFalse();
        assertThat(only.get("properties").size()).isEqualTo(1);
        assertThat(only.get("id").asText()).isEqualTo("g3");
        assertThat(only.has("assets")).isFalse();
        JsonNode excluded = api.post("/api/stac/search", "{\"ids\": [\"g3\"], \"fields\": {\"exclude\": [\"assets\", \"properties.kind\"]}}")
                .body().get("features").get(0);
        assertThat(excluded.has("assets")).isFalse();
        assertThat(excluded.get("properties").has("kind")).isFalse();
        assertThat(excluded.get("properties").has("n")).isTrue();
    }

    @Test
    void cql2FiltersInBothEncodingsSelectItems() {
        assertThat(ids(get("/api/stac/search?sortby=n&filter=" + encode("n >= 5 AND n < 8 AND kind = 'odd'")))).containsExactly("g5", "g7");
        assertThat(ids(get("/api/stac/search?sortby=n&filter-lang=cql2-json&filter="
                + encode("{\"op\": \"between\", \"args\": [{\"property\": \"n\"}, 3, 5]}")))).containsExactly("g3", "g4", "g5");
        assertThat(ids(get("/api/stac/search?sortby=id&filter=" + encode("id LIKE 'o%' AND NOT n IN (100, 101)")))).containsExactly("o2", "o3", "o4");
        assertThat(ids(get("/api/stac/search?sortby=n&filter=" + encode("S_INTERSECTS(geometry, BBOX(4.5, 0, 6.5, 10)) OR n = 0"))))
                .containsExactly("g0", "g5", "g6");
        assertThat(ids(get("/api/stac/search?sortby=n&filter=" + encode(
                "T_INTERSECTS(datetime, INTERVAL('2024-01-01T02:00:00Z', '2024-01-01T03:00:00Z')) AND collection = 'grid'"))))
                .containsExactly("g2", "g3");
        Api.Reply post = api.post("/api/stac/search", "{\"collections\": [\"grid\"], \"sortby\": \"n\", \"filter-lang\": \"cql2-json\", "
                + "\"filter\": {\"op\": \"or\", \"args\": [{\"op\": \"=\", \"args\": [{\"property\": \"n\"}, 1]}, "
                + "{\"op\": \"in\", \"args\": [{\"property\": \"id\"}, [\"g9\", \"g8\"]]}]}}");
        assertThat(ids(post.body())).containsExactly("g1", "g8", "g9");
        assertThat(ids(api.post("/api/stac/search", "{\"sortby\": \"n\", \"filter\": \"n > 27 AND collection = 'grid'\"}").body()))
                .containsExactly("g28", "g29");
        expect400("/api/stac/search?filter=" + encode("cloudiness < 10"), "cloudiness");
        expect400("/api/stac/search?filter=" + encode("n <"), "filter");
        expect400("/api/stac/search?filter=" + encode("CASEI(kind) = 'odd'"), "casei");
    }

    @Test
    void aCollectionsItemsTakeTheSearchFiltersSortingAndFields() {
        assertThat(ids(get("/api/stac/collections/grid/items?sortby=n&filter=" + encode("n >= 5 AND n < 8 AND kind = 'odd'"))))
                .containsExactly("g5", "g7");
        assertThat(ids(get("/api/stac/collections/grid/items?sortby=-n&filter-lang=cql2-json&filter="
                + encode("{\"op\": \"between\", \"args\": [{\"property\": \"n\"}, 3, 5]}")))).containsExactly("g5", "g4", "g3");
        // the filter applies within the collection: items of "other" match n >= 100 but are not in "grid"
        assertThat(get("/api/stac/collections/grid/items?filter=" + encode("n >= 100")).get("numberReturned").asInt()).isZero();
        assertThat(ids(get("/api/stac/collections/grid/items?sortby=-kind,%2Bn&limit=3&bbox=0,0,10,10"))).containsExactly("g1", "g3", "g5");
        JsonNode only = get("/api/stac/collections/grid/items?filter=" + encode("id = 'g3'") + "&fields=properties.n,-links")
                .get("features").get(0);
        assertThat(only.has("links")).isFalse();
        assertThat(only.has("assets")).isFalse();
        assertThat(only.get("properties").size()).isEqualTo(1);
        JsonNode first = get("/api/stac/collections/grid/items?sortby=n&limit=4&filter=" + encode("kind = 'even'"));
        assertThat(ids(first)).containsExactly("g0", "g2", "g4", "g6");
        JsonNode second = get(link(first, "next").get("href").asText());
        assertThat(ids(second)).containsExactly("g8", "g10", "g12", "g14");
        StacSchemas.assertItemCollection(second);
        expect400("/api/stac/collections/grid/items?filter=" + encode("cloudiness < 10"), "cloudiness");
        expect400("/api/stac/collections/grid/items?sortby=geometry", "sort");
        expect400("/api/stac/collections/grid/items?collections=other", "collections");
        expect400("/api/stac/collections/grid/items?ids=g1", "ids");
    }

    @Test
    void badParametersAreRefusedWith400NamingThem() {
        expect400("/api/stac/search?bbox=1,2,3,4,5", "bbox");
        expect400("/api/stac/search?bbox=5,0,1,1", "bbox");
        expect400("/api/stac/search?bbox=a,b,c,d", "bbox");
        expect400("/api/stac/search?datetime=yesterday", "datetime");
        expect400("/api/stac/search?datetime=../..", "datetime");
        expect400("/api/stac/search?datetime=2024-02-01T00:00:00Z/2024-01-01T00:00:00Z", "datetime");
        expect400("/api/stac/search?limit=0", "limit");
        expect400("/api/stac/search?limit=10001", "limit");
        expect400("/api/stac/search?token=garbage", "token");
        expect400("/api/stac/search?sortby=geometry", "sort");
        expect400("/api/stac/search?intersects=" + encode("{\"type\":\"Point\"}"), "coordinates");
        expect400("/api/stac/collections/grid/items?limit=-1", "limit");
        assertThat(api.post("/api/stac/search", "{\"limit\": 10001}").status()).isEqualTo(400);
        assertThat(api.post("/api/stac/search", "{\"bbox\": [1, 2, 3]}").status()).isEqualTo(400);
        assertThat(api.post("/api/stac/search", "[1]").status()).isEqualTo(400);
        assertThat(api.get("/api/stac/collections/nothing/items").status()).isEqualTo(404);
        assertThat(api.get("/api/stac/collections/grid/items/nothing").status()).isEqualTo(404);
        assertThat(api.get("/api/stac/collections/nothing/items/g1").status()).isEqualTo(404);
    }

    @Test
    void aPageOfTenThousandItemsStreams() {
        createCollection(api, "large");
        for (int batch = 0; batch < 11; batch++) {
            List<ObjectNode> items = new ArrayList<>();
            for (int i = 0; i < 1000; i++) {
                int n = batch * 1000 + i;
                items.add(item("l" + n, (n % 360) - 180, (n % 170) - 85, 100_000 + n, n));
            }
            postItems(api, "large", items);
        }
        JsonNode page = get("/api/stac/collections/large/items?limit=10000");
        assertThat(page.get("numberReturned").asInt()).isEqualTo(10000);
        assertThat(page.get("features")).hasSize(10000);
        assertThat(link(page, "next").get("href").asText()).contains("limit=10000");
        JsonNode rest = get(link(page, "next").get("href").asText());
        assertThat(rest.get("numberReturned").asInt()).isEqualTo(1000);
        assertThat(link(rest, "next")).isNull();
        api.send("DELETE", "/api/stac/collections/large", null);
    }

    @Test
    void aTenItemPageIsSentInOnePieceWithItsLengthAndEachItemAsItsOwnEndpointServesIt() throws Exception {
        HttpResponse<String> reply = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create(router.baseUrl() + "/api/stac/search?collections=grid&limit=10")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(reply.statusCode()).isEqualTo(200);
        assertThat(reply.headers().firstValue("Content-Length")).as("written in place, sent whole")
                .hasValue(String.valueOf(reply.body().getBytes(StandardCharsets.UTF_8).length));
        JsonNode page = Json.parse(reply.body());
        assertThat(page.get("features")).hasSize(10);
        for (JsonNode item : page.get("features")) {
            assertThat(item).as("copied from the stored JSON as the item endpoint renders it")
                    .isEqualTo(get("/api/stac/collections/grid/items/" + item.get("id").asText()));
        }
    }

    private static void expect400(String path, String named) {
        Api.Reply reply = api.get(path);
        assertThat(reply.status()).as(path + " → " + reply.text()).isEqualTo(400);
        assertThat(reply.body().get("message").asText()).as(path).containsIgnoringCase(named);
    }

    private static JsonNode get(String pathOrUrl) {
        String path = pathOrUrl.startsWith("http") ? URI.create(pathOrUrl).getRawPath()
                + (URI.create(pathOrUrl).getRawQuery() == null ? "" : "?" + URI.create(pathOrUrl).getRawQuery()) : pathOrUrl;
        Api.Reply reply = api.get(path);
        assertThat(reply.status()).as(path + " → " + reply.text()).isEqualTo(200);
        return reply.body();
    }

    private static JsonNode link(JsonNode page, String rel) {
        for (JsonNode link : page.get("links")) {
            if (link.get("rel").asText().equals(rel)) return link;
        }
        return null;
    }

    private static List<String> ids(JsonNode page) {
        List<String> ids = new ArrayList<>();
        page.get("features").forEach(f -> ids.add(f.get("id").asText()));
        return ids;
    }

    private static String encode(String text) {
        return java.net.URLEncoder.encode(text, java.nio.charset.StandardCharsets.UTF_8);
    }
}
