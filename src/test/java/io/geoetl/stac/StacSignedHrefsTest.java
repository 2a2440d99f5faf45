package io.geoetl.stac;

import static io.geoetl.stac.StacFixtures.createCollection;
import static org.assertj.core.api.Assertions.assertThat;

import com.azure.core.util.BinaryData;
import com.azure.storage.blob.BlobClient;
import com.azure.storage.blob.BlobContainerClient;
import com.azure.storage.blob.BlobServiceClient;
import com.azure.storage.blob.models.ListBlobsOptions;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.geoetl.jobs.Json;
import io.geoetl.storage.BlobUrlSigner;
import io.geoetl.testing.Api;
import io.geoetl.testing.RunningRouter;
import java.io.IOException;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * ?sign=true through real HTTP and real Azurite: silver asset hrefs come back as SAS URLs a
 * client without credentials downloads; without it hrefs carry no token and the blob stays
 * private; expired or tampered signatures are refused; other hrefs are left alone.
 */
class StacSignedHrefsTest {
    private static final HttpClient PLAIN = HttpClient.newHttpClient();
    private static RunningRouter router;
    private static Api api;
    private static BlobContainerClient silver;
    private static BlobContainerClient bronze;
    private static String prefix;
    private static byte[] cog;

    @BeforeAll
    static void start() {
        router = RunningRouter.builder().property("geoetl.storage.sas-minutes", "15").start();
        api = new Api(router.baseUrl());
        BlobServiceClient service = router.bean("blobServiceClient", BlobServiceClient.class);
        silver = service.getBlobContainerClient("silver");
        bronze = service.getBlobContainerClient("signing-other");
        bronze.createIfNotExists();
        prefix = "signing/" + UUID.randomUUID() + "/";
        cog = new byte[300_000];
        new Random(7).nextBytes(cog);
    }

    @AfterAll
    static void stop() {
        silver.listBlobs(new ListBlobsOptions().setPrefix(prefix), null).forEach(b -> silver.getBlobClient(b.getName()).deleteIfExists());
        bronze.deleteIfExists();
        router.close();
    }

    @BeforeEach
    void empty() {
        StacFixtures.deleteAll(api);
    }

    @Test
    void aSignedItemHrefDownloadsWithoutCredentialsAndAnUnsignedOneDoesNot() throws Exception {
        String data = upload(silver, prefix + "cogs/scene_analysis.tif");
        String odd = upload(silver, prefix + "cogs/a b+c ü.tif");
        String elsewhere = upload(bronze, prefix + "scene.tif");
        createCollection(api, "signed");
        ObjectNode item = itemWith("scene", data, odd, elsewhere);
        assertThat(api.post("/api/stac/collections/signed/items", Json.write(item)).status()).isEqualTo(201);

        Api.Reply signed = api.get("/api/stac/collections/signed/items/scene?sign=true");
        assertThat(signed.status()).isEqualTo(200);
        JsonNode assets = signed.body().get("assets");
        String signedData = assets.get("data").get("href").asText();
        assertThat(signedData).startsWith(data + "?").contains("sig=").contains("sp=r");
        assertThat(download(signedData)).isEqualTo(new Download(200, cog));
        Instant expiry = Instant.parse(URLDecoder.decode(signedData.replaceAll(".*[?&]se=([^&]+).*", "$1"), StandardCharsets.UTF_8));
        assertThat(Duration.between(Instant.now(), expiry)).as("geoetl.storage.sas-minutes = 15")
                .isBetween(Duration.ofMinutes(13), Duration.ofMinutes(15));
        assertThat(download(assets.get("odd").get("href").asText()).status()).isEqualTo(200);
        assertThat(assets.get("elsewhere").get("href").asText()).as("another container is not signed").isEqualTo(elsewhere);
        assertThat(assets.get("web").get("href").asText()).isEqualTo("https://example.com/scene.png");
        StacSchemas.assertItem(signed.body());

        Api.Reply plain = api.get("/api/stac/collections/signed/items/scene");
        assertThat(plain.body().get("assets").get("data").get("href").asText()).isEqualTo(data);
        assertThat(plain.text()).doesNotContain("sig=").doesNotContain("AccountKey");
        assertThat(download(data).status()).as("the silver blob is private").isIn(403, 404);

        ObjectNode storingAToken = itemWith("leaky", signedData, odd, elsewhere);
        Api.Reply refused = api.post("/api/stac/collections/signed/items", Json.write(storingAToken));
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.text()).contains("$.assets.data.href").contains("SAS signature");
    }

    @Test
    void searchesAndItemListsSignEveryItemAsThePageStreams() throws Exception {
        String data = upload(silver, prefix + "cogs/listed.tif");
        createCollection(api, "listed");
        for (int i = 0; i < 3; i++) {
            assertThat(api.post("/api/stac/collections/listed/items", Json.write(itemWith("item-" + i, data, data, data))).status())
                    .isEqualTo(201);
        }
        for (String path : List.of("/api/stac/search?collections=listed&limit=2&sign=true", "/api/stac/collections/listed/items?limit=2&sign=true")) {
            Api.Reply page = api.get(path);
            assertThat(page.status()).as(path).isEqualTo(200);
            assertThat(page.body().get("features")).hasSize(2);
            for (JsonNode feature : page.body().get("features")) {
                assertThat(download(feature.get("assets").get("data").get("href").asText())).isEqualTo(new Download(200, cog));
            }
            String next = linkHref(page.body(), "next");
            assertThat(next).contains("sign=true");
            JsonNode second = api.get(next.substring(router.baseUrl().length())).body();
            assertThat(second.get("features").get(0).get("assets").get("data").get("href").asText()).contains("sig=");
            assertThat(api.get(path.replace("&sign=true", "")).text()).doesNotContain("sig=");
        }
        Api.Reply posted = api.post("/api/stac/search?sign=true", "{\"collections\":[\"listed\"],\"limit\":1}");
        assertThat(posted.status()).isEqualTo(200);
        assertThat(download(posted.body().get("features").get(0).get("assets").get("data").get("href").asText()).status()).isEqualTo(200);
        assertThat(linkHref(posted.body(), "next")).endsWith("/api/stac/search?sign=true");
        assertThat(api.get("/api/stac/search?sign=yes").body().get("code").asText()).isEqualTo("invalid_sign");
    }

    @Test
    void anExpiredOrTamperedSignatureIsRefused() throws Exception {
        String data = upload(silver, prefix + "cogs/guarded.tif");
        BlobServiceClient service = router.bean("blobServiceClient", BlobServiceClient.class);
        Clock twoHoursAgo = Clock.fixed(Instant.now().minus(Duration.ofHours(2)), ZoneOffset.UTC);
        BlobUrlSigner past = new BlobUrlSigner(service, "silver", BlobUrlSigner.Credential.ACCOUNT_KEY, Duration.ofMinutes(60), twoHoursAgo);
        assertThat(download(past.sign(data)).status()).as("expired an hour ago").isEqualTo(403);

        String good = router.bean("blobUrlSigner", BlobUrlSigner.class).sign(data);
        assertThat(download(good).status()).isEqualTo(200);
        int at = good.indexOf("sig=") + "sig=".length();
        String tampered = good.substring(0, at) + (good.charAt(at) == 'A' ? 'B' : 'A') + good.substring(at + 1);
        assertThat(download(tampered).status()).isEqualTo(403);
        String widened = good.replace("sp=r", "sp=rw");
        assertThat(download(widened).status()).as("permissions are part of the signature").isEqualTo(403);
    }

    private static String upload(BlobContainerClient container, String name) {
        BlobClient blob = container.getBlobClient(name);
        blob.upload(BinaryData.fromBytes(cog), true);
        return blob.getBlobUrl();
    }

    private static ObjectNode itemWith(String id, String data, String odd, String elsewhere) {
        ObjectNode item = StacFixtures.item(id, 10, 20, 1, 1);
        ObjectNode assets = item.putObject("assets");
        assets.putObject("data").put("href", data).put("type", "image/tiff; application=geotiff; profile=cloud-optimized");
        assets.putObject("odd").put("href", odd);
        assets.putObject("elsewhere").put("href", elsewhere);
        assets.putObject("web").put("href", "https://example.com/" + id + ".png");
        return item;
    }

    private static String linkHref(JsonNode page, String rel) {
        for (JsonNode link : page.get("links")) {
            if (rel.equals(link.get("rel").asText())) return link.get("href").asText();
        }
        throw new AssertionError("no " + rel + " link in " + page.get("links"));
    }

    private record Download(int status, byte[] body) {
        @Override
        public boolean equals(Object o) {
            return o instanceof Download d && d.status == status && java.util.Arrays.equals(d.body, body);
        }

        @Override
        public int hashCode() {
            return status;
        }

        @Override
        public String toString() {
            return "HTTP " + status + ", " + body.length + " bytes";
        }
    }

    private static Download download(String url) throws IOException, InterruptedException {
        HttpResponse<byte[]> reply = PLAIN.send(HttpRequest.newBuilder(URI.create(url)).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
        return new Download(reply.statusCode(), reply.body());
    }
}
