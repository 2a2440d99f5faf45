package io.geoetl.raster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.azure.storage.blob.BlobContainerClient;
import com.azure.storage.blob.BlobServiceClientBuilder;
import com.fasterxml.jackson.databind.JsonNode;
import io.geoetl.testing.Api;
import io.geoetl.testing.TestServices;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Vector;
import org.gdal.gdal.Dataset;
import org.gdal.gdal.TranslateOptions;
import org.gdal.gdal.gdal;

/** Uploads rasters to Azurite, submits process_raster jobs, reads back what they wrote (silver blobs, rows). */
final class RasterTestSupport {
    static final Path SHARED = Path.of(System.getenv().getOrDefault("GEOETL_SHARED_DIR", "../shared"), "testdata", "raster");

    private RasterTestSupport() {}

    static BlobContainerClient container(String name) {
        BlobContainerClient container = new BlobServiceClientBuilder()
                .connectionString(TestServices.get().storageConnectionString).buildClient().getBlobContainerClient(name);
        container.createIfNotExists();
        return container;
    }

    static void upload(BlobContainerClient container, String blobName, Path file) {
        container.getBlobClient(blobName).uploadFromFile(file.toString(), true);
    }

    /** Submits process_raster (200 or 201 expected) and waits for the job's final state. */
    static JsonNode process(Api api, String parameters) {
        Api.Reply submitted = api.submit("process_raster", parameters);
        assertThat(submitted.status()).as(submitted.text()).isIn(200, 201);
        return api.waitForFinal(submitted.body().get("job_id").asText(), Duration.ofMinutes(4));
    }

    static JsonNode completed(JsonNode job) {
        assertThat(job.get("status").asText()).as(job.toPrettyString()).isEqualTo("completed");
        return job.get("result");
    }

    /** Downloads {@code container/name} from silver into {@code target}. */
    static Path download(String container, String name, Path target) {
        container(container).getBlobClient(name).downloadToFile(target.toString(), true);
        return target;
    }

    static Path shared(String name) {
        Path file = SHARED.resolve(name);
        assumeTrue(Files.isRegularFile(file), file + " is absent (set GEOETL_SHARED_DIR to the folder holding testdata/raster): test skipped");
        return file;
    }

    /** gdal_translate with the given arguments; the dataset is closed. */
    static Path translate(Path source, Path target, String... args) {
        Dataset src = gdal.Open(source.toString());
        try {
            Dataset out = gdal.Translate(target.toString(), src, new TranslateOptions(new Vector<>(List.of(args))));
            assertThat(out).as(gdal.GetLastErrorMsg()).isNotNull();
            out.delete();
            return target;
        } finally {
            src.delete();
        }
    }

    /** GDAL's checksum of every band. */
    static int[] checksums(Path raster) {
        Dataset ds = gdal.Open(raster.toString());
        try {
            int[] sums = new int[ds.GetRasterCount()];
            for (int i = 0; i < sums.length; i++) sums[i] = ds.GetRasterBand(i + 1).Checksum();
            return sums;
        } finally {
            ds.delete();
        }
    }
}
