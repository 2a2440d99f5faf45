package io.geoetl.raster;

import static io.geoetl.raster.RasterTestSupport.checksums;
import static io.geoetl.raster.RasterTestSupport.completed;
import static io.geoetl.raster.RasterTestSupport.download;
import static io.geoetl.raster.RasterTestSupport.process;
import static io.geoetl.raster.RasterTestSupport.shared;
import static io.geoetl.raster.RasterTestSupport.upload;
import static org.assertj.core.api.Assertions.assertThat;

import com.azure.storage.blob.BlobContainerClient;
import com.fasterxml.jackson.databind.JsonNode;
import io.geoetl.stac.StacSchemas;
import io.geoetl.testing.Api;
import io.geoetl.testing.TestDb;
import io.geoetl.testing.RunningRouter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.gdal.gdal.Dataset;
import org.gdal.gdal.gdal;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every real raster in ../shared/testdata/raster, every compatible tier (tier=all): each COG
 * downloaded back from silver is a valid COG with the tier's compression, 512-pixel blocks and
 * overviews, equal pixel for pixel to the source in the lossless tiers; its SHA-256 matches the
 * item's file:checksum; the item validates against the STAC schemas; the thumbnail is a PNG.
 */
class RealRastersTest {
    private static final String RUN = UUID.randomUUID().toString().substring(0, 8);
    private static final String COLLECTION = "raster-real-" + RUN;
    private static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
    private static RunningRouter router;
    private static Api api;
    private static BlobContainerClient bronze;
    @TempDir
    static Path work;

    @BeforeAll
    static void start() {
        router = RunningRouter.builder().property("geoetl.work.dir", work.resolve("work").toString()).start();
        api = new Api(router.baseUrl());
        bronze = RasterTestSupport.container("raster-real");
    }

    @AfterAll
    static void stop() {
        if (router != null) router.close();
    }

    @ParameterizedTest
    @ValueSource(strings = {"RGB.byte.tif", "RGBA.uint16.tif", "byte.tif", "cogeo.tif", "float_raster_with_nodata.tif",
            "rgb1_fake_nir_epsg3857.tif", "shade.tif", "world.rgb.tif"})
    void everyTierIsAValidCogEqualToTheSourceWithAValidItem(String file) throws Exception {
        Path source = shared(file);
        String blobName = RUN + "/" + file;
        upload(bronze, blobName, source);
        JsonNode result = completed(process(api, "{\"container\": \"raster-real\", \"blob_name\": \"" + blobName
                + "\", \"collection_id\": \"" + COLLECTION + "\", \"tier\": \"all\"}"));
        String itemId = RasterParameters.defaultItemId(blobName);
        assertThat(result.get("item_id").asText()).isEqualTo(itemId);

        Api.Reply reply = api.get("/api/stac/collections/" + COLLECTION + "/items/" + itemId);
        assertThat(reply.status()).as(reply.text()).isEqualTo(200);
        JsonNode item = reply.body();
        StacSchemas.assertItem(item);
        boolean threeBytes = List.of("RGB.byte.tif", "cogeo.tif", "world.rgb.tif").contains(file);
        List<String> tiers = new ArrayList<>();
        result.get("cogs").forEach(cog -> tiers.add(cog.get("tier").asText()));
        assertThat(tiers).containsExactlyElementsOf(threeBytes ? List.of("analysis", "visualization", "archive")
                : List.of("analysis", "archive"));
        assertThat(TestDb.shared().count("select count(*) from app.cog_metadata where collection_id = ? and item_id = ?", COLLECTION, itemId))
                .isEqualTo(tiers.size());

        for (JsonNode cog : result.get("cogs")) {
            String tier = cog.get("tier").asText();
            String[] blob = cog.get("blob").asText().split("/", 2);
            Path local = download(blob[0], blob[1], work.resolve(itemId + "_" + tier + ".tif"));
            assertThat(Sha256.of(local)).isEqualTo(cog.get("sha256").asText());
            JsonNode asset = item.get("assets").get(tier);
            assertThat(asset.get("file:checksum").asText()).isEqualTo("1220" + Sha256.of(local));
            assertThat(asset.get("file:size").asLong()).isEqualTo(Files.size(local));
            CogLayoutCheck.Result layout = CogLayoutCheck.check(local.toString());
            assertThat(layout.errors()).as(tier).isEmpty();
            assertThat(layout.blockWidth()).isEqualTo(512);
            assertThat(layout.blockHeight()).isEqualTo(512);
            assertThat(layout.compression()).isEqualTo(Tier.of(tier).reportedCompression());
            Dataset ds = gdal.Open(local.toString());
            boolean largerThanOneBlock = ds.GetRasterXSize() > 512 || ds.GetRasterYSize() > 512;
            ds.delete();
            assertThat(layout.overviews() > 0).as("overviews of " + tier).isEqualTo(largerThanOneBlock);
            if (tier.equals("visualization")) {
                assertThat(layout.interleave()).isEqualTo("PIXEL");
            } else {
                assertThat(checksums(local)).as("pixels of the " + tier + " COG").isEqualTo(checksums(source));
            }
        }
        String silver = result.get("cogs").get(0).get("blob").asText().split("/", 2)[0];
        String thumbnail = "cogs/" + COLLECTION + "/" + itemId + "_thumbnail.png";
        assertThat(item.get("assets").get("thumbnail").get("href").asText()).endsWith("/" + silver + "/" + thumbnail);
        byte[] head = new byte[8];
        try (var in = Files.newInputStream(download(silver, thumbnail, work.resolve(itemId + ".png")))) {
            assertThat(in.read(head)).isEqualTo(8);
        }
        assertThat(head).as("PNG signature").isEqualTo(PNG);
        if (file.equals("RGB.byte.tif")) assertThat(item.get("properties").get("proj:epsg").asInt()).isEqualTo(32618);
        if (file.equals("float_raster_with_nodata.tif")) assertThat(item.get("properties").get("proj:wkt2").asText()).contains("PROJCRS");
        if (file.equals("shade.tif")) assertThat(item.get("properties").get("proj:epsg").asInt()).isEqualTo(3857);
    }
}
