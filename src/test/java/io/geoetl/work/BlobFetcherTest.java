package io.geoetl.work;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.azure.storage.blob.BlobServiceClient;
import com.azure.storage.blob.BlobServiceClientBuilder;
import io.geoetl.jobs.BadInputException;
import io.geoetl.storage.BlobFiles;
import io.geoetl.storage.BlobFiles.BlobInfo;
import io.geoetl.storage.BlobFiles.Overwrite;
import io.geoetl.storage.ContainerSetup;
import io.geoetl.testing.TestServices;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What any job type gets from the work package: a blob (or a zip's contents) on local disk for a job, and cleanup. */
class BlobFetcherTest {
    private static final String CONTAINER = "work-" + UUID.randomUUID().toString().substring(0, 8);
    private static final String JOB = "a".repeat(64);
    private static BlobServiceClient service;
    private static BlobFiles blobs;

    @TempDir
    Path root;

    @BeforeAll
    static void connect() {
        service = new BlobServiceClientBuilder().connectionString(TestServices.get().storageConnectionString).buildClient();
        ContainerSetup.ensureExist(service, CONTAINER);
        blobs = new BlobFiles(service);
    }

    @AfterAll
    static void removeContainer() {
        service.getBlobContainerClient(CONTAINER).deleteIfExists();
    }

    private BlobFetcher fetcher(long maxExtractedBytes) {
        return new BlobFetcher(blobs, new WorkSettings(root, Duration.ofHours(1), maxExtractedBytes, 100, 100));
    }

    private static BlobInfo put(String name, byte[] content) {
        return blobs.upload(new ByteArrayInputStream(content), CONTAINER, name, Overwrite.REPLACE);
    }

    private static byte[] zip(Map<String, String> entries) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            for (Map.Entry<String, String> entry : entries.entrySet()) {
                zip.putNextEntry(new ZipEntry(entry.getKey()));
                zip.write(entry.getValue().getBytes(StandardCharsets.UTF_8));
                zip.closeEntry();
            }
        }
        return bytes.toByteArray();
    }

    @Test
    void aBlobLandsInTheJobsSlotFolderAndIsDeletedWithTheJob() throws IOException {
        BlobInfo blob = put("scenes/a b.tif", "not really a tiff".getBytes(StandardCharsets.UTF_8));
        BlobFetcher fetcher = fetcher(1_000_000);

        LocalBlob local = fetcher.fetch(JOB, "scene-1", blob, false);

        assertThat(local.unpacked()).isFalse();
        assertThat(local.path()).isEqualTo(root.resolve(JOB).resolve("scene-1").resolve("download").resolve("a_b.tif"));
        assertThat(Files.readString(local.path())).isEqualTo("not really a tiff");
        fetcher.discard(JOB);
        assertThat(root.resolve(JOB)).doesNotExist();
    }

    @Test
    void aZipIsUnpackedAndItsFilesFoundByExtension() throws IOException {
        Map<String, String> entries = new LinkedHashMap<>();
        entries.put("tiles/one.TIF", "1");
        entries.put("tiles/two.tif", "2");
        entries.put("readme.txt", "hello");
        entries.put("__MACOSX/tiles/._one.TIF", "fork");
        BlobInfo blob = put("tiles.zip", zip(entries));

        LocalBlob local = fetcher(1_000_000).fetch(JOB, "source", blob, true);

        assertThat(local.unpacked()).isTrue();
        UnpackedFiles files = UnpackedFiles.in(local.path());
        assertThat(files.withExtension(".tif", false)).extracting(p -> local.path().relativize(p).toString())
                .containsExactly("tiles/one.TIF", "tiles/two.tif");
        assertThat(root.resolve(JOB).resolve("source").resolve("download").resolve("tiles.zip")).doesNotExist();
    }

    @Test
    void theSameVersionIsFetchedOnceAndANewerOneReplacesIt() throws IOException {
        BlobInfo first = put("again.txt", "first".getBytes(StandardCharsets.UTF_8));
        BlobFetcher fetcher = fetcher(1_000_000);
        Path path = fetcher.fetch(JOB, "source", first, false).path();
        Files.writeString(path, "changed locally");

        assertThat(Files.readString(fetcher.fetch(JOB, "source", first, false).path())).isEqualTo("changed locally");

        BlobInfo second = put("again.txt", "second".getBytes(StandardCharsets.UTF_8));
        assertThat(Files.readString(fetcher.fetch(JOB, "source", second, false).path())).isEqualTo("second");
    }

    @Test
    void aBlobReplacedSinceItWasDescribedIsBadInput() {
        BlobInfo old = put("moving.txt", "old".getBytes(StandardCharsets.UTF_8));
        put("moving.txt", "new".getBytes(StandardCharsets.UTF_8));

        assertThatThrownBy(() -> fetcher(1_000_000).fetch(JOB, "source", old, false))
                .isInstanceOf(BadInputException.class).hasMessageContaining("was replaced or deleted").hasMessageContaining("submit the job again");
    }

    @Test
    void archivesThatEscapeTheFolderOrUnpackTooLargeAreRefused() throws IOException {
        BlobInfo slip = put("slip.zip", zip(Map.of("../../evil.txt", "x")));
        assertThatThrownBy(() -> fetcher(1_000_000).fetch(JOB, "source", slip, true))
                .isInstanceOf(BadInputException.class).hasMessageContaining("zip slip");
        assertThat(root.resolve("evil.txt")).doesNotExist();

        BlobInfo big = put("big.zip", zip(Map.of("big.txt", "0".repeat(10_000))));
        assertThatThrownBy(() -> fetcher(5_000).fetch(JOB, "source", big, true))
                .isInstanceOf(BadInputException.class).hasMessageContaining("geoetl.work.zip.max-extracted-bytes");
    }

    @Test
    void slotNamesAndJobIdsCannotPointOutsideTheWorkFolder() {
        BlobInfo blob = put("x.txt", "x".getBytes(StandardCharsets.UTF_8));
        assertThatThrownBy(() -> fetcher(1_000).fetch(JOB, "../x", blob, false)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> fetcher(1_000).fetch("../" + JOB, "source", blob, false)).isInstanceOf(IllegalArgumentException.class);
    }
}
