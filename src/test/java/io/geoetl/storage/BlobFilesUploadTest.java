package io.geoetl.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.azure.storage.blob.BlobContainerClient;
import com.azure.storage.blob.BlobServiceClient;
import com.azure.storage.blob.BlobServiceClientBuilder;
import com.azure.storage.blob.models.BlockListType;
import io.geoetl.storage.BlobFiles.BlobExistsException;
import io.geoetl.storage.BlobFiles.BlobInfo;
import io.geoetl.storage.BlobFiles.Overwrite;
import io.geoetl.testing.TestServices;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Streamed uploads to Azurite: several blocks, read back byte for byte, overwrite refused or done as asked. */
class BlobFilesUploadTest {
    private static final long BLOCK = 1024 * 1024;
    private static final String CONTAINER = "upload-" + UUID.randomUUID().toString().substring(0, 8);
    private static BlobServiceClient service;
    private static BlobContainerClient container;
    private static BlobFiles blobs;

    @TempDir
    Path dir;

    @BeforeAll
    static void connect() {
        service = new BlobServiceClientBuilder().connectionString(TestServices.get().storageConnectionString).buildClient();
        ContainerSetup.ensureExist(service, CONTAINER);
        container = service.getBlobContainerClient(CONTAINER);
        blobs = new BlobFiles(service, BLOCK);
    }

    @AfterAll
    static void removeContainer() {
        container.deleteIfExists();
    }

    private static byte[] randomBytes(int size) {
        byte[] bytes = new byte[size];
        new Random(size).nextBytes(bytes);
        return bytes;
    }

    private int committedBlocks(String name) {
        return container.getBlobClient(name).getBlockBlobClient().listBlocks(BlockListType.COMMITTED).getCommittedBlocks().size();
    }

    @Test
    void aFileLargerThanOneBlockGoesUpInBlocksAndDownloadsBackIdentical() throws IOException {
        byte[] content = randomBytes((int) (3.5 * BLOCK));
        Path file = Files.write(dir.resolve("big.bin"), content);

        BlobInfo written = blobs.upload(file, CONTAINER, "in/big.bin", Overwrite.REPLACE);

        assertThat(written.size()).isEqualTo(content.length);
        assertThat(committedBlocks("in/big.bin")).isEqualTo(4);
        Path back = dir.resolve("back.bin");
        blobs.download(blobs.describe(CONTAINER, "in/big.bin").orElseThrow(), back);
        assertThat(Files.readAllBytes(back)).isEqualTo(content);
        assertThat(blobs.describe(CONTAINER, "in/big.bin").orElseThrow().etag()).isEqualTo(written.etag());
    }

    @Test
    void aStreamOfUnknownLengthGoesUpInBlocksAndItsSizeIsCounted() throws IOException {
        byte[] content = randomBytes((int) (2.5 * BLOCK));
        // available() says nothing about the length: the SDK may not rely on it
        InputStream unknownLength = new ByteArrayInputStream(content) {
            @Override
            public synchronized int available() {
                return 0;
            }
        };

        BlobInfo written = blobs.upload(unknownLength, CONTAINER, "stream.bin", Overwrite.REPLACE);

        assertThat(written.size()).isEqualTo(content.length);
        assertThat(committedBlocks("stream.bin")).isEqualTo(3);
        Path back = dir.resolve("stream-back.bin");
        blobs.download(written, back);
        assertThat(Files.readAllBytes(back)).isEqualTo(content);
    }

    @Test
    void refusingToOverwriteLeavesTheExistingBlobAsItWas() throws IOException {
        Path first = Files.writeString(dir.resolve("first.txt"), "first");
        BlobInfo original = blobs.upload(first, CONTAINER, "once.txt", Overwrite.REFUSE);
        Path second = Files.writeString(dir.resolve("second.txt"), "second version");

        assertThatThrownBy(() -> blobs.upload(second, CONTAINER, "once.txt", Overwrite.REFUSE))
                .isInstanceOf(BlobExistsException.class).hasMessageContaining(CONTAINER + "/once.txt already exists");
        assertThatThrownBy(() -> blobs.upload(new ByteArrayInputStream(randomBytes((int) (1.5 * BLOCK))), CONTAINER, "once.txt",
                Overwrite.REFUSE)).isInstanceOf(BlobExistsException.class);

        assertThat(container.getBlobClient("once.txt").downloadContent().toString()).isEqualTo("first");
        assertThat(blobs.describe(CONTAINER, "once.txt").orElseThrow().etag()).isEqualTo(original.etag());

        BlobInfo replaced = blobs.upload(second, CONTAINER, "once.txt", Overwrite.REPLACE);
        assertThat(container.getBlobClient("once.txt").downloadContent().toString()).isEqualTo("second version");
        assertThat(replaced.etag()).isNotEqualTo(original.etag());
    }
}
