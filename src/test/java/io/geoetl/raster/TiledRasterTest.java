package io.geoetl.raster;

import static io.geoetl.raster.RasterTestSupport.completed;
import static io.geoetl.raster.RasterTestSupport.process;
import static io.geoetl.raster.RasterTestSupport.upload;
import static org.assertj.core.api.Assertions.assertThat;

import com.azure.storage.blob.BlobContainerClient;
import com.azure.storage.blob.models.ListBlobsOptions;
import com.fasterxml.jackson.databind.JsonNode;
import io.geoetl.stac.StacSchemas;
import io.geoetl.testing.Api;
import io.geoetl.testing.RunningRouter;
import io.geoetl.testing.TestDb;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.assertj.core.data.Offset;
import org.gdal.gdal.Dataset;
import org.gdal.gdal.gdal;
import org.gdal.gdalconst.gdalconstConstants;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * process_raster above a lowered tiling threshold: a 3000 x 2000 x 3 byte raster in tiles of 1024
 * pixels overlapping by 32 becomes six tile COGs and six STAC items whose windows cover the source
 * exactly, with the source's pixels and georeference; cleanup removes them all.
 */
class TiledRasterTest {
    private static final String CONTAINER = "raster-tiles";
    private static final String COLLECTION = "raster-tiles-" + UUID.randomUUID().toString().substring(0, 8);
    private static final int WIDTH = 3000;
    private static final int HEIGHT = 2000;
    private static final int OVERLAP = 32;
    private static final Path SCHEMAS = Path.of(System.getenv().getOrDefault("GEOETL_SHARED_DIR", "../shared"), "stac-schemas", "v1.0.0");
    private static RunningRouter router;
    private static Api api;
    private static BlobContainerClient bronze;
    private static String silver;
    @TempDir
    static Path work;

    @BeforeAll
    static void start() {
        router = RunningRouter.builder().property("geoetl.work.dir", work.resolve("work").toString())
                .property("geoetl.raster.tile-threshold-bytes", "1000000").property("geoetl.raster.tile-size-pixels", "1024")
                .property("geoetl.raster.tile-overlap-pixels", String.valueOf(OVERLAP)).start();
        api = new Api(router.baseUrl());
        bronze = RasterTestSupport.container(CONTAINER);
        silver = router.camel().getPropertiesComponent().resolveProperty("geoetl.storage.silver-container").orElseThrow();
    }

    @AfterAll
    static void stop() {
        if (router != null) router.close();
    }

    @Test
    void aLargeRasterBecomesTilesThatCoverItExactlyWithItsPixelsAndGeoreferenceAndOneItemEach() {
        Path source = GeneratedRasters.byteTiff(work.resolve("large.tif"), WIDTH, HEIGHT, 3, true, List.of("TILED=YES"));
        String blob = unique("large.tif");
        upload(bronze, blob, source);

        JsonNode job = process(api, parameters(blob, ""));
        JsonNode result = completed(job);
        String jobId = job.get("job_id").asText();
        assertThat(result.get("tiles").asInt()).isEqualTo(6);
        assertThat(result.get("checks").toString()).contains("2 x 3 tiles of 1024 pixels, overlapping by 32");
        assertThat(result.get("cogs")).hasSize(6);

        List<RasterTile> windows = new ArrayList<>();
        double[] sourceTransform = {500000, 10, 0, 5200000, 0, -10};
        for (JsonNode entry : result.get("items")) {
            RasterTile tile = RasterTile.of(entry.get("tile"));
            windows.add(tile);
            assertThat(entry.get("item_id").asText()).isEqualTo(result.get("item_id").asText() + "_r" + tile.row() + "_c" + tile.col());
            JsonNode item = item(entry.get("item_id").asText());
            JsonNode properties = item.get("properties");
            assertThat(properties.get("geoetl:tile")).isEqualTo(entry.get("tile"));
            assertThat(properties.get("proj:shape").toString()).isEqualTo("[" + tile.height() + "," + tile.width() + "]");
            assertThat(properties.get("proj:transform").get(2).asDouble()).isEqualTo(500000 + 10.0 * tile.xOff());
            assertThat(properties.get("proj:transform").get(5).asDouble()).isEqualTo(5200000 - 10.0 * tile.yOff());
            int neighbours = 0;
            for (JsonNode link : item.get("links")) if (link.get("rel").asText().equals("related")) neighbours++;
            assertThat(neighbours).as("neighbours of %s", tile).isEqualTo(tile.col() == 1 ? 5 : 3);
            if (Files.isDirectory(SCHEMAS)) StacSchemas.assertItem(item);

            String cogBlob = item.get("assets").get("analysis").get("href").asText().replaceFirst("^.*/" + silver + "/", "");
            assertThat(cogBlob).isEqualTo("cogs/" + COLLECTION + "/" + result.get("item_id").asText() + "/" + entry.get("item_id").asText()
                    + "_analysis.tif");
            Path cog = RasterTestSupport.download(silver, cogBlob, work.resolve("tile-" + tile.row() + "-" + tile.col() + ".tif"));
            assertThat(CogLayoutCheck.check(cog.toString()).valid()).isTrue();
            assertGeoreferenceIsTheWindows(cog, tile, sourceTransform);
            assertPixelsAreTheWindows(source, cog, tile);
        }
        assertWindowsCoverTheRasterWithTheOverlap(windows);
        assertThat(TestDb.shared().count("select count(*) from app.cog_metadata where job_id = ?", jobId)).isEqualTo(6);
        assertThat(TestDb.shared().count("select count(*) from stac.items where collection = ? and job_id = ?", COLLECTION, jobId))
                .isEqualTo(6);

        Api.Reply cleanup = api.post("/api/jobs/" + jobId + "/cleanup?dry_run=false", "");
        assertThat(cleanup.status()).as(cleanup.text()).isEqualTo(200);
        assertThat(TestDb.shared().count("select count(*) from stac.items where collection = ? and job_id = ?", COLLECTION, jobId)).isZero();
        assertThat(TestDb.shared().count("select count(*) from app.cog_metadata where job_id = ?", jobId)).isZero();
        assertThat(RasterTestSupport.container(silver).listBlobs(new ListBlobsOptions()
                .setPrefix("cogs/" + COLLECTION + "/" + result.get("item_id").asText()), null)).isEmpty();
    }

    @Test
    void reprojectingATiledRasterIsRefusedAndLeavesNothingBehind() {
        Path source = GeneratedRasters.byteTiff(work.resolve("reprojected.tif"), 1500, 1000, 1, true, List.of("TILED=YES"));
        String blob = unique("reprojected.tif");
        upload(bronze, blob, source);
        JsonNode job = process(api, parameters(blob, ", \"target_crs\": \"EPSG:4326\""));
        assertThat(job.get("status").asText()).as(job.toPrettyString()).isEqualTo("failed");
        assertThat(job.at("/error/code").asText()).isEqualTo("bad_input");
        assertThat(job.at("/error/message").asText()).contains("geoetl.raster.tile-threshold-bytes").contains("submit without target_crs");
        String jobId = job.get("job_id").asText();
        assertThat(TestDb.shared().count("select count(*) from app.cog_metadata where job_id = ?", jobId)).isZero();
        assertThat(Files.exists(work.resolve("work").resolve(jobId))).as("work folder").isFalse();
    }

    @Test
    void tilesAnotherJobWroteAreOnlyReplacedWithOverwrite() {
        Path source = GeneratedRasters.byteTiff(work.resolve("twice.tif"), 1500, 1000, 1, true, List.of("TILED=YES"));
        String blob = unique("twice.tif");
        upload(bronze, blob, source);
        assertThat(completed(process(api, parameters(blob, ""))).get("tiles").asInt()).isEqualTo(2);
        JsonNode refused = process(api, parameters(blob, ", \"tier\": \"archive\""));
        assertThat(refused.get("status").asText()).as(refused.toPrettyString()).isEqualTo("failed");
        assertThat(refused.at("/error/message").asText()).contains("tiles of item").contains("already exist").contains("overwrite=true");
        JsonNode replaced = completed(process(api, parameters(blob, ", \"tier\": \"archive\", \"overwrite\": true")));
        assertThat(replaced.get("cogs").get(1).get("blob").asText()).endsWith("_r0_c1_archive.tif");
    }

    /** The tile's origin is the source's shifted by the window's offsets, at the source's pixel size. */
    private static void assertGeoreferenceIsTheWindows(Path cog, RasterTile tile, double[] source) {
        Dataset ds = gdal.Open(cog.toString(), gdalconstConstants.GA_ReadOnly);
        try {
            double[] gt = ds.GetGeoTransform();
            assertThat(gt[0]).isCloseTo(source[0] + tile.xOff() * source[1], Offset.offset(1e-6));
            assertThat(gt[3]).isCloseTo(source[3] + tile.yOff() * source[5], Offset.offset(1e-6));
            assertThat(new double[] {gt[1], gt[2], gt[4], gt[5]}).containsExactly(source[1], source[2], source[4], source[5]);
            assertThat(ds.GetRasterXSize()).isEqualTo(tile.width());
            assertThat(ds.GetRasterYSize()).isEqualTo(tile.height());
            assertThat(ds.GetProjectionRef()).contains("32632");
        } finally {
            ds.delete();
        }
    }

    /** Band by band, the tile's pixels are the source's window (the analysis tier is lossless). */
    private static void assertPixelsAreTheWindows(Path source, Path cog, RasterTile tile) {
        Dataset src = gdal.Open(source.toString(), gdalconstConstants.GA_ReadOnly);
        Dataset out = gdal.Open(cog.toString(), gdalconstConstants.GA_ReadOnly);
        try {
            assertThat(out.GetRasterCount()).isEqualTo(3);
            byte[] expected = new byte[tile.width() * tile.height()];
            byte[] actual = new byte[tile.width() * tile.height()];
            for (int band = 1; band <= 3; band++) {
                src.GetRasterBand(band).ReadRaster(tile.xOff(), tile.yOff(), tile.width(), tile.height(), expected);
                out.GetRasterBand(band).ReadRaster(0, 0, tile.width(), tile.height(), actual);
                assertThat(actual).as("band %d of %s", band, tile).isEqualTo(expected);
            }
        } finally {
            out.delete();
            src.delete();
        }
    }

    /** Every pixel of the raster in some window, none outside it, neighbours sharing exactly the overlap. */
    private static void assertWindowsCoverTheRasterWithTheOverlap(List<RasterTile> windows) {
        boolean[] covered = new boolean[WIDTH * HEIGHT];
        for (RasterTile tile : windows) {
            assertThat(tile.xOff() + tile.width()).isLessThanOrEqualTo(WIDTH);
            assertThat(tile.yOff() + tile.height()).isLessThanOrEqualTo(HEIGHT);
            for (int y = tile.yOff(); y < tile.yOff() + tile.height(); y++) {
                for (int x = tile.xOff(); x < tile.xOff() + tile.width(); x++) covered[y * WIDTH + x] = true;
            }
            for (RasterTile other : windows) {
                if (other.row() == tile.row() && other.col() == tile.col() + 1) {
                    assertThat(tile.xOff() + tile.width() - other.xOff()).isEqualTo(OVERLAP);
                }
                if (other.col() == tile.col() && other.row() == tile.row() + 1) {
                    assertThat(tile.yOff() + tile.height() - other.yOff()).isEqualTo(OVERLAP);
                }
            }
        }
        int gaps = 0;
        for (boolean pixel : covered) if (!pixel) gaps++;
        assertThat(gaps).as("pixels in no tile").isZero();
    }

    private static String parameters(String blob, String extra) {
        return "{\"container\": \"" + CONTAINER + "\", \"blob_name\": \"" + blob + "\", \"collection_id\": \"" + COLLECTION + "\"" + extra + "}";
    }

    private static JsonNode item(String itemId) {
        Api.Reply reply = api.get("/api/stac/collections/" + COLLECTION + "/items/" + itemId);
        assertThat(reply.status()).as(reply.text()).isEqualTo(200);
        return reply.body();
    }

    private static String unique(String name) {
        return UUID.randomUUID().toString().substring(0, 8) + "/" + name;
    }
}
