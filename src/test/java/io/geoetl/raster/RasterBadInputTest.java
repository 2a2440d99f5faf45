package io.geoetl.raster;

import static io.geoetl.raster.RasterTestSupport.process;
import static io.geoetl.raster.RasterTestSupport.shared;
import static io.geoetl.raster.RasterTestSupport.upload;
import static org.assertj.core.api.Assertions.assertThat;

import com.azure.storage.blob.BlobContainerClient;
import com.azure.storage.blob.models.ListBlobsOptions;
import com.azure.core.util.BinaryData;
import com.fasterxml.jackson.databind.JsonNode;
import io.geoetl.testing.Api;
import io.geoetl.testing.TestDb;
import io.geoetl.testing.RunningRouter;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each bad raster fails its job as bad input with a specific message, and leaves no COG, thumbnail, row, item or work folder. */
class RasterBadInputTest {
    private static final String CONTAINER = "raster-bad";
    private static final String COLLECTION = "raster-bad-" + UUID.randomUUID().toString().substring(0, 8);
    private static RunningRouter router;
    private static Api api;
    private static BlobContainerClient bronze;
    @TempDir
    static Path work;

    @BeforeAll
    static void start() {
        router = RunningRouter.builder().property("geoetl.work.dir", work.resolve("work").toString()).start();
        api = new Api(router.baseUrl());
        bronze = RasterTestSupport.container(CONTAINER);
    }

    @AfterAll
    static void stop() {
        if (router != null) router.close();
    }

    @Test
    void aTruncatedTiffIsNotARaster() throws Exception {
        byte[] whole = Files.readAllBytes(shared("RGB.byte.tif"));
        Path truncated = Files.write(work.resolve("truncated.tif"), Arrays.copyOf(whole, whole.length / 2));
        assertThat(failed("truncated.tif", truncated)).contains("not a raster GDAL can read").contains("TIFFReadDirectory")
                .doesNotContain(work.toString());
    }

    @Test
    void aTiffWithCorruptCompressedTilesIsRefusedAsCorrupt() throws Exception {
        Path deflated = RasterTestSupport.translate(shared("RGB.byte.tif"), work.resolve("deflated.tif"), "-co", "COMPRESS=DEFLATE",
                "-co", "TILED=YES", "-co", "BLOCKXSIZE=128", "-co", "BLOCKYSIZE=128");
        byte[] bytes = Files.readAllBytes(deflated);
        for (int i = bytes.length / 4; i < bytes.length * 3 / 4; i++) bytes[i] = (byte) (i * 31);
        Path corrupt = Files.write(work.resolve("corrupt.tif"), bytes);
        assertThat(failed("corrupt.tif", corrupt)).contains("corrupt or truncated").contains("check pixels");
    }

    @Test
    void aTextFileNamedTifIsNotARaster() throws Exception {
        Path text = Files.writeString(work.resolve("text.tif"), "this is not an image\n".repeat(50));
        assertThat(failed("text.tif", text)).contains("not a raster GDAL can read");
    }

    @Test
    void aRasterWithoutCrsNeedsSourceCrs() {
        Path noCrs = GeneratedRasters.byteTiff(work.resolve("nocrs.tif"), 64, 64, 1, false, List.of());
        assertThat(failed("nocrs.tif", noCrs)).contains("has no CRS").contains("source_crs");
    }

    @Test
    void anAllNodataRasterIsEmpty() {
        Path empty = GeneratedRasters.allNodata(work.resolve("empty.tif"));
        assertThat(failed("empty.tif", empty)).contains("no valid pixel");
    }

    @Test
    void aZeroByteBlobIsEmpty() throws Exception {
        Path zero = Files.write(work.resolve("zero.tif"), new byte[0]);
        assertThat(failed("zero.tif", zero)).contains("is empty (0 bytes)");
    }

    @Test
    void aHeaderDeclaringAbsurdDimensionsIsRefused() {
        Path absurd = GeneratedRasters.absurdDimensions(work.resolve("absurd.tif"), 200_000);
        assertThat(failed("absurd.tif", absurd)).contains("200000 x 200000 pixels").contains("geoetl.raster.max-pixels");
    }

    @Test
    void aZipWithoutARasterIsRefused() throws Exception {
        Path zip = work.resolve("noraster.zip");
        try (OutputStream out = Files.newOutputStream(zip); ZipOutputStream z = new ZipOutputStream(out)) {
            z.putNextEntry(new ZipEntry("readme.txt"));
            z.write("no raster here".getBytes(StandardCharsets.UTF_8));
            z.closeEntry();
        }
        assertThat(failed("noraster.zip", zip)).contains("holds no raster").contains("readme.txt");
    }

    @Test
    void unknownParametersAndValuesAreListedTogether() {
        Api.Reply reply = api.submit("process_raster", "{\"blob_name\": \"x.png\", \"tier\": \"best\", \"jpeg_quality\": 0, \"colour\": 1}");
        assertThat(reply.status()).as(reply.text()).isEqualTo(400);
        assertThat(reply.text()).contains("blob_name must end with one of").contains("tier").contains("jpeg_quality").contains("colour");
    }

    /** Uploads {@code file} as {@code name}, processes it, expects bad input and nothing left behind; returns the message. */
    private String failed(String name, Path file) {
        String blob = UUID.randomUUID().toString().substring(0, 8) + "/" + name;
        if (name.startsWith("zero")) {
            bronze.getBlobClient(blob).upload(BinaryData.fromBytes(new byte[0]), true);
        } else {
            upload(bronze, blob, file);
        }
        JsonNode job = process(api, "{\"container\": \"" + CONTAINER + "\", \"blob_name\": \"" + blob + "\", \"collection_id\": \""
                + COLLECTION + "\", \"tier\": \"all\"}");
        assertThat(job.get("status").asText()).as(job.toPrettyString()).isEqualTo("failed");
        assertThat(job.at("/error/code").asText()).isEqualTo("bad_input");
        String jobId = job.get("job_id").asText();
        assertThat(TestDb.shared().count("select count(*) from app.cog_metadata where job_id = ?", jobId)).as("cog_metadata rows").isZero();
        assertThat(TestDb.shared().count("select count(*) from stac.items where collection = ?", COLLECTION)).as("STAC items").isZero();
        String silver = router.camel().getPropertiesComponent().resolveProperty("geoetl.storage.silver-container").orElseThrow();
        assertThat(RasterTestSupport.container(silver).listBlobs(new ListBlobsOptions().setPrefix("cogs/" + COLLECTION + "/"), null))
                .as("silver blobs").isEmpty();
        assertThat(Files.exists(work.resolve("work").resolve(jobId))).as("work folder").isFalse();
        return job.at("/error/message").asText();
    }
}
