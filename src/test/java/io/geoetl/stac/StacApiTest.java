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
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The STAC API through real HTTP: landing, conformance, collections, items, item, queryables and
 * the transactions, every served document validated against the official schemas.
 */
class StacApiTest {
    static final String READ_KEY = "stac-reader-key-7d1e0c";
    private static RunningRouter router;
    private static Api api;

    @BeforeAll
    static void start() {
        router = RunningRouter.builder().property("geoetl.auth.reader.api-key", "viewer:" + READ_KEY)
                .property("geoetl.http.body-limits", "stac-create-items:2000000").start();
        api = new Api(router.baseUrl());
    }

    @AfterAll
    static void stop() {
        router.close();
    }

    @BeforeEach
    void empty() {
        StacFixtures.deleteAll(api);
    }

    @Test
    void theLandingPageLinksEverythingAndValidatesAsACatalog() {
        createCollection(api, "landing");
        Api.Reply landing = api.get("/api/stac");
        assertThat(landing.status()).isEqualTo(200);
        List<String> rels = new ArrayList<>();
        landing.body().get("links").forEach(l -> rels.add(l.get("rel").asText()));
        assertThat(rels).contains("self", "root", "conformance", "data", "search", "service-desc", "child");
        landing.body().get("links").forEach(l -> assertThat(l.get("href").asText()).startsWith(router.baseUrl() + "/api/"));
        assertThat(landing.body().get("conformsTo").toString()).contains("https://api.stacspec.org/v1.0.0/item-search");
        StacSchemas.assertCatalog(landing.body());
        Api.Reply conformance = api.get("/api/stac/conformance");
        assertThat(conformance.body().get("conformsTo")).hasSameSizeAs(landing.body().get("conformsTo"));
    }

    @Test
    void linksFollowTheConfiguredBaseUrlOrTheForwardedHost() {
        createCollection(api, "based");
        Api forwarded = Api.withCredentials(router.baseUrl(), "X-Forwarded-Host", "stac.example.org");
        JsonNode collection = forwarded.get("/api/stac/collections/based").body();
        assertThat(collection.get("links").get(0).get("href").asText()).isEqualTo("http://stac.example.org/api/stac/collections/based");
        // the shared HttpLinks: a prefix from the proxy is kept, a host header that is not a host is ignored
        Api prefixed = Api.withHeaders(router.baseUrl(), java.util.Map.of("X-Forwarded-Host", "stac.example.org",
                "X-Forwarded-Proto", "https", "X-Forwarded-Prefix", "/geo"));
        assertThat(prefixed.get("/api/stac/collections/based").body().get("links").get(0).get("href").asText())
                .isEqualTo("https://stac.example.org/geo/api/stac/collections/based");
        Api injected = Api.withCredentials(router.baseUrl(), "X-Forwarded-Host", "evil.example.org/\"><script>");
        assertThat(injected.get("/api/stac/collections/based").body().get("links").get(0).get("href").asText())
                .isEqualTo(router.baseUrl() + "/api/stac/collections/based");
    }

    @Test
    void aCollectionIsCreatedReplacedServedAndDeleted() {
        ObjectNode collection = StacFixtures.collection("crud");
        Api.Reply created = api.post("/api/stac/collections", Json.write(collection));
        assertThat(created.status()).isEqualTo(201);
        collection.put("title", "Replaced");
        Api.Reply replaced = api.post("/api/stac/collections", Json.write(collection));
        assertThat(replaced.status()).isEqualTo(200);
        Api.Reply got = api.get("/api/stac/collections/crud");
        assertThat(got.body().get("title").asText()).isEqualTo("Replaced");
        StacSchemas.assertCollection(got.body());
        Api.Reply list = api.get("/api/stac/collections");
        assertThat(list.body().get("collections")).hasSize(1);
        list.body().get("collections").forEach(StacSchemas::assertCollection);

        collection.put("title", "Put");
        assertThat(api.send("PUT", "/api/stac/collections/crud", Json.write(collection)).status()).isEqualTo(200);
        Api.Reply wrongId = api.send("PUT", "/api/stac/collections/other", Json.write(collection));
        assertProblem(wrongId, "$.id");

        assertThat(api.send("DELETE", "/api/stac/collections/crud", null).status()).isEqualTo(204);
        assertThat(api.get("/api/stac/collections/crud").status()).isEqualTo(404);
        assertThat(api.get("/api/stac/collections/crud").body().get("code").asText()).isEqualTo("collection_not_found");
        assertThat(api.send("DELETE", "/api/stac/collections/crud", null).status()).isEqualTo(404);
    }

    @Test
    void itemsAreWrittenOneByOneOrInBulkAndServedAsGeoJson() {
        createCollection(api, "things");
        Api.Reply one = api.post("/api/stac/collections/things/items", Json.write(item("a", 8.5, 47.3, 0, 1)), "application/geo+json");
        assertThat(one.status()).isEqualTo(201);
        StacSchemas.assertItem(one.body());
        Api.Reply again = api.post("/api/stac/collections/things/items", Json.write(item("a", 8.6, 47.4, 1, 2)));
        assertThat(again.status()).isEqualTo(200);

        JsonNode bulk = postItems(api, "things", List.of(item("b", 1, 2, 3, 3), item("c", 3, 4, 5, 4), item("a", 8.5, 47.3, 0, 5)));
        assertThat(bulk.get("created").asInt()).isEqualTo(2);
        assertThat(bulk.get("replaced").asInt()).isEqualTo(1);

        Api.Reply got = api.get("/api/stac/collections/things/items/a");
        assertThat(got.status()).isEqualTo(200);
        assertThat(got.text()).contains("\"collection\":\"things\"");
        assertThat(got.body().get("properties").get("n").asInt()).isEqualTo(5);
        StacSchemas.assertItem(got.body());
        assertThat(contentType("/api/stac/collections/things/items/a")).isEqualTo("application/geo+json");
        assertThat(contentType("/api/stac/collections/things")).isEqualTo("application/json");

        Api.Reply put = api.send("PUT", "/api/stac/collections/things/items/c", Json.write(item("c", 5, 6, 7, 6)));
        assertThat(put.status()).isEqualTo(200);
        assertThat(api.send("PUT", "/api/stac/collections/things/items/zz", Json.write(item("c", 5, 6, 7, 6))).status()).isEqualTo(400);
        assertThat(api.send("DELETE", "/api/stac/collections/things/items/b", null).status()).isEqualTo(204);
        assertThat(api.get("/api/stac/collections/things/items/b").status()).isEqualTo(404);
        assertThat(api.send("DELETE", "/api/stac/collections/things/items/b", null).status()).isEqualTo(404);
    }

    @Test
    void aCollectionsExtentFollowsItsItems() {
        createCollection(api, "extent");
        postItems(api, "extent", List.of(item("w", -10, -5, 0, 1), item("e", 20, 30, 48, 2), item("m", 5, 5, 24, 3)));
        JsonNode extent = api.get("/api/stac/collections/extent").body().get("extent");
        assertThat(extent.get("spatial").get("bbox").get(0).toString()).isEqualTo("[-10.0,-5.0,20.0,30.0]");
        assertThat(extent.get("temporal").get("interval").get(0).toString()).isEqualTo("[\"2024-01-01T00:00:00Z\",\"2024-01-03T00:00:00Z\"]");
        api.send("DELETE", "/api/stac/collections/extent/items/e", null);
        extent = api.get("/api/stac/collections/extent").body().get("extent");
        assertThat(extent.get("spatial").get("bbox").get(0).toString()).isEqualTo("[-10.0,-5.0,5.0,5.0]");
        assertThat(extent.get("temporal").get("interval").get(0).get(1).asText()).isEqualTo("2024-01-02T00:00:00Z");
    }

    @Test
    void invalidItemsAreRefusedListingEveryProblemWithItsPathAndNothingIsWritten() {
        createCollection(api, "strict");
        ObjectNode noId = item("x", 1, 1, 0, 1);
        noId.remove("id");
        ObjectNode badGeometry = item("y", 1, 1, 0, 1);
        ((ObjectNode) badGeometry.get("geometry")).put("type", "Pointy");
        ObjectNode badBbox = item("z", 1, 1, 0, 1);
        badBbox.putArray("bbox").add(5).add(5).add(6).add(6);
        ObjectNode badVersion = item("v", 1, 1, 0, 1);
        badVersion.put("stac_version", "0.9.0");
        ObjectNode badDatetime = item("d", 1, 1, 0, 1);
        ((ObjectNode) badDatetime.get("properties")).put("datetime", "yesterday");
        Api.Reply reply = api.post("/api/stac/collections/strict/items", Json.write(StacFixtures.featureCollection(
                List.of(item("ok", 1, 1, 0, 1), noId, badGeometry, badBbox, badVersion, badDatetime))));
        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.body().get("code").asText()).isEqualTo("invalid_stac");
        List<String> paths = new ArrayList<>();
        reply.body().get("details").get("problems").forEach(p -> paths.add(p.get("path").asText()));
        assertThat(paths).contains("$.features[1].id", "$.features[2].geometry.type", "$.features[3].bbox",
                "$.features[4].stac_version", "$.features[5].properties.datetime");
        assertThat(api.get("/api/stac/collections/strict/items/ok").status()).as("nothing of a refused bulk is written").isEqualTo(404);

        Api.Reply unknown = api.post("/api/stac/collections/nowhere/items", Json.write(item("a", 1, 1, 0, 1)));
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.body().get("code").asText()).isEqualTo("collection_not_found");
        ObjectNode otherCollection = item("o", 1, 1, 0, 1).put("collection", "elsewhere");
        assertProblem(api.post("/api/stac/collections/strict/items", Json.write(otherCollection)), "$.collection");
        assertThat(api.post("/api/stac/collections/strict/items", "{\"type\": \"Feature\",").status()).isEqualTo(400);
        ObjectNode badCollection = StacFixtures.collection("bad collection");
        badCollection.remove("license");
        Api.Reply refused = api.post("/api/stac/collections", Json.write(badCollection));
        assertProblem(refused, "$.id");
        assertProblem(refused, "$.license");
    }

    @Test
    void bodiesOverTheirLimitAreRefusedWith413() {
        createCollection(api, "big");
        List<ObjectNode> many = new ArrayList<>();
        for (int i = 0; i < 8000; i++) many.add(item("big-" + i, i % 180, i % 80, i, i));
        Api.Reply tooBig = api.post("/api/stac/collections/big/items", Json.write(StacFixtures.featureCollection(many)));
        assertThat(tooBig.status()).isEqualTo(413);
        assertThat(tooBig.body().get("message").asText()).contains("at most 2000000");
        assertThat(api.get("/api/stac/collections/big/items").body().get("numberReturned").asInt()).isZero();
        ObjectNode huge = StacFixtures.collection("huge");
        huge.put("description", "x".repeat(1_100_000));
        assertThat(api.post("/api/stac/collections", Json.write(huge)).status()).isEqualTo(413);
    }

    @Test
    void writesNeedWriteCredentialsAndReadsDoNot() {
        createCollection(api, "guarded");
        Api anonymous = Api.anonymous(router.baseUrl());
        Api reader = Api.withCredentials(router.baseUrl(), "X-API-Key", READ_KEY);
        String collection = Json.write(StacFixtures.collection("guarded2"));
        String oneItem = Json.write(item("g", 1, 1, 0, 1));
        for (Api caller : List.of(anonymous, reader)) {
            int expected = caller == anonymous ? 401 : 403;
            assertThat(caller.post("/api/stac/collections", collection).status()).isEqualTo(expected);
            assertThat(caller.post("/api/stac/collections/guarded/items", oneItem).status()).isEqualTo(expected);
            assertThat(caller.send("PUT", "/api/stac/collections/guarded/items/g", oneItem).status()).isEqualTo(expected);
            assertThat(caller.send("DELETE", "/api/stac/collections/guarded", null).status()).isEqualTo(expected);
        }
        assertThat(api.get("/api/stac/collections/guarded2").status()).isEqualTo(404);
        assertThat(api.get("/api/stac/collections/guarded/items/g").status()).isEqualTo(404);
        for (String path : List.of("/api/stac", "/api/stac/conformance", "/api/stac/collections", "/api/stac/collections/guarded",
                "/api/stac/collections/guarded/items", "/api/stac/search", "/api/stac/queryables")) {
            assertThat(anonymous.get(path).status()).as(path).isEqualTo(200);
        }
    }

    @Test
    void queryablesListThePropertiesOfTheItems() {
        createCollection(api, "q1");
        createCollection(api, "q2");
        postItems(api, "q1", List.of(item("a", 1, 1, 0, 1)));
        ObjectNode other = item("b", 1, 1, 0, 1);
        ((ObjectNode) other.get("properties")).put("eo:cloud_cover", 12.5);
        postItems(api, "q2", List.of(other));
        JsonNode q1 = api.get("/api/stac/collections/q1/queryables").body().get("properties");
        assertThat(q1.has("n")).isTrue();
        assertThat(q1.get("n").get("type").asText()).isEqualTo("number");
        assertThat(q1.has("eo:cloud_cover")).isFalse();
        JsonNode all = api.get("/api/stac/queryables").body().get("properties");
        assertThat(all.has("eo:cloud_cover")).isTrue();
        assertThat(all.has("kind")).isTrue();
        assertThat(all.has("datetime")).isTrue();
        assertThat(api.get("/api/stac/collections/none/queryables").status()).isEqualTo(404);
    }

    static void assertProblem(Api.Reply reply, String path) {
        assertThat(reply.status()).as(reply.text()).isEqualTo(400);
        List<String> paths = new ArrayList<>();
        reply.body().path("details").path("problems").forEach(p -> paths.add(p.get("path").asText()));
        assertThat(paths).as(reply.text()).contains(path);
    }

    private static String contentType(String path) {
        try {
            var response = java.net.http.HttpClient.newHttpClient().send(
                    java.net.http.HttpRequest.newBuilder(java.net.URI.create(router.baseUrl() + path)).GET().build(),
                    java.net.http.HttpResponse.BodyHandlers.discarding());
            return response.headers().firstValue("Content-Type").orElse("");
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
