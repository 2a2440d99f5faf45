package io.geoetl.raster;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.geoetl.testing.Api;
import io.geoetl.testing.DroppedJobs;
import io.geoetl.testing.RunningRouter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A GeoTIFF dropped into the watched container becomes a process_raster job with no parameters, its item in the default collection. */
class RasterBlobDropTest {
    @TempDir
    Path work;

    @Test
    void aDroppedGeoTiffBecomesACogAndAnItemInTheDefaultCollection() {
        String container = "raster-drop-" + UUID.randomUUID().toString().substring(0, 8);
        String collection = "dropped-" + UUID.randomUUID().toString().substring(0, 8);
        try (RunningRouter router = RunningRouter.builder().property("geoetl.work.dir", work.resolve("work").toString())
                .property("geoetl.blob-drop.container", container).property("geoetl.blob-drop.poll.enabled", "true")
                .property("geoetl.blob-drop.poll.period", "300").property("geoetl.raster.collection", collection).start()) {
            Api api = new Api(router.baseUrl());
            Path raster = GeneratedRasters.byteTiff(work.resolve("dropped.tif"), 700, 600, 3, true, List.of());
            var blob = RasterTestSupport.container(container).getBlobClient("scenes/dropped.tif");
            blob.uploadFromFile(raster.toString(), true);
            String jobId = DroppedJobs.await(container + "/scenes/dropped.tif", blob.getProperties().getETag(), Duration.ofSeconds(60));
            JsonNode job = api.waitForFinal(jobId, Duration.ofMinutes(3));
            assertThat(job.get("job_type").asText()).isEqualTo("process_raster");
            JsonNode result = RasterTestSupport.completed(job);
            assertThat(result.get("collection").asText()).isEqualTo(collection);
            assertThat(result.get("item_id").asText()).isEqualTo("scenes-dropped");
            assertThat(api.get("/api/stac/collections/" + collection + "/items/scenes-dropped").status()).isEqualTo(200);
        }
    }
}
