package io.geoetl.docs;

import static org.assertj.core.api.Assertions.assertThat;

import com.azure.storage.blob.BlobContainerClient;
import com.azure.storage.blob.BlobServiceClientBuilder;
import io.geoetl.promote.PromotionTestSupport;
import io.geoetl.testing.Api;
import io.geoetl.testing.RunningRouter;
import io.geoetl.testing.TestServices;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every example command block of README.md and docs/*.md runs against a real router: bash and sh
 * blocks run with {@code bash -euo pipefail}, {@code curl} failing on any HTTP error status, the
 * router's address in place of 127.0.0.1:8080 / localhost:8080, in an empty folder holding what
 * the examples use (docs/testing.md). A block that is not run must say why in its marker.
 */
class DocExamplesTest {
    private static final Duration BLOCK_TIMEOUT = Duration.ofSeconds(60);
    private static final String PREAMBLE = """
            set -euo pipefail
            curl() { command curl --silent --show-error --fail-with-body --max-time 30 "$@"; }
            """;

    @TempDir
    Path folder;

    @Test
    void everyExampleCommandBlockRunsOrSaysWhyNot() throws Exception {
        TestServices.get().deleteAllJobs();
        List<DocExamples.Block> blocks = new ArrayList<>(DocExamples.of(Path.of("README.md")));
        try (DirectoryStream<Path> pages = Files.newDirectoryStream(Path.of("docs"), "*.md")) {
            for (Path page : pages) blocks.addAll(DocExamples.of(page));
        }
        assertThat(blocks).filteredOn(block -> !block.runnable() && !block.markerExplained())
                .as("blocks whose marker gives no reason (azure-only: … or not-run: …)").isEmpty();
        List<DocExamples.Block> runnable = blocks.stream().filter(DocExamples.Block::runnable).toList();
        assertThat(runnable).as("runnable example blocks").hasSizeGreaterThanOrEqualTo(4);

        Path samples = Path.of("samples", "city-parks.geojson").toAbsolutePath();
        Files.createDirectories(folder.resolve(".state"));
        Files.createDirectories(folder.resolve("inbox"));
        Files.writeString(folder.resolve(".state/env"), "export GEOETL_API_KEY=" + Api.TEST_API_KEY + "\n");
        Files.copy(samples, folder.resolve("roads.geojson"));
        BlobContainerClient bronze = new BlobServiceClientBuilder().connectionString(TestServices.get().storageConnectionString)
                .buildClient().getBlobContainerClient("bronze");
        bronze.createIfNotExists();
        bronze.getBlobClient("city-parks.geojson").uploadFromFile(samples.toString(), true);

        try (RunningRouter router = RunningRouter.builder()
                .property("geoetl.work.dir", folder.resolve("work").toString())
                .property("geoetl.blob-drop.inbox.enabled", "true")
                .property("geoetl.blob-drop.inbox.folder", folder.resolve("inbox").toString())
                .property("geoetl.production-db.url", PromotionTestSupport.productionUrl())
                .start()) {
            // what the examples read: the sample loaded as geo.city_parks (scripts/run does the same)
            Api api = new Api(router.baseUrl());
            Api.Reply parks = api.submit("ingest_vector", "{\"container\": \"bronze\", \"blob_name\": \"city-parks.geojson\", \"overwrite\": true}");
            assertThat(api.waitForFinal(parks.body().get("job_id").asText(), Duration.ofMinutes(2)).get("status").asText()).isEqualTo("completed");

            String address = router.baseUrl().substring("http://".length());
            List<String> failures = new ArrayList<>();
            for (DocExamples.Block block : runnable) {
                String failure = run(block, address);
                if (failure != null) failures.add(block.where() + ":\n" + block.text() + "\n--- " + failure);
            }
            assertThat(failures).as("example blocks that failed").isEmpty();
        }
    }

    /** Runs one block; null when it exits 0, else what went wrong with its output. */
    private String run(DocExamples.Block block, String address) throws IOException, InterruptedException {
        String script = PREAMBLE + block.text().replace("127.0.0.1:8080", address).replace("localhost:8080", address) + "\n";
        Path log = Files.createTempFile(folder, "block", ".log");
        ProcessBuilder builder = new ProcessBuilder("bash", "-c", script).directory(folder.toFile())
                .redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().put("GEOETL_API_KEY", Api.TEST_API_KEY); // as after source .state/env
        Process process = builder.start();
        process.getOutputStream().close();
        if (!process.waitFor(BLOCK_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
            process.destroyForcibly();
            return "still running after " + BLOCK_TIMEOUT + "\n" + Files.readString(log, StandardCharsets.UTF_8);
        }
        return process.exitValue() == 0 ? null : "exit " + process.exitValue() + "\n" + Files.readString(log, StandardCharsets.UTF_8);
    }
}
