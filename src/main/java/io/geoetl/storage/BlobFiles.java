package io.geoetl.storage;

import com.azure.core.util.Context;
import com.azure.storage.blob.BlobClient;
import com.azure.storage.blob.BlobServiceClient;
import com.azure.storage.blob.models.BlobProperties;
import com.azure.storage.blob.models.BlobRequestConditions;
import com.azure.storage.blob.models.BlobStorageException;
import com.azure.storage.common.ParallelTransferOptions;
import com.azure.storage.blob.options.BlobDownloadToFileOptions;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;
import java.util.Set;

/**
 * Blob metadata and downloads to local files. The Azure SDK streams ranges straight to disk, so a
 * download never holds the blob in the heap (at most {@link #PARALLEL_RANGES} blocks in flight).
 */
public final class BlobFiles {
    private static final long BLOCK_BYTES = 32L * 1024 * 1024;
    private static final int PARALLEL_RANGES = 4;
    private final BlobServiceClient blobs;

    public BlobFiles(BlobServiceClient blobs) {
        this.blobs = blobs;
    }

    /** What a blob is now: size and ETag. */
    public record BlobInfo(String container, String name, long size, String etag) {
        public String path() {
            return container + "/" + name;
        }
    }

    /** The blob's size and ETag, or empty when the container or the blob does not exist. */
    public Optional<BlobInfo> describe(String container, String name) {
        try {
            BlobProperties properties = client(container, name).getProperties();
            return Optional.of(new BlobInfo(container, name, properties.getBlobSize(), properties.getETag()));
        } catch (BlobStorageException e) {
            if (e.getStatusCode() == 404) return Optional.empty();
            throw e;
        }
    }

    /**
     * Downloads exactly the version {@code blob} describes into {@code target} (replaced if present).
     * Throws {@link BlobChangedException} when the blob was replaced or deleted since.
     */
    public void download(BlobInfo blob, Path target) {
        BlobDownloadToFileOptions options = new BlobDownloadToFileOptions(target.toString())
                .setRequestConditions(new BlobRequestConditions().setIfMatch(blob.etag()))
                .setParallelTransferOptions(new ParallelTransferOptions().setBlockSizeLong(BLOCK_BYTES).setMaxConcurrency(PARALLEL_RANGES))
                .setOpenOptions(Set.of(StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE,
                        StandardOpenOption.READ));
        try {
            client(blob.container(), blob.name()).downloadToFileWithResponse(options, null, Context.NONE);
        } catch (BlobStorageException e) {
            if (e.getStatusCode() == 404 || e.getStatusCode() == 412) {
                throw new BlobChangedException(blob.path() + " was replaced or deleted while it was being ingested");
            }
            throw e;
        }
    }

    private BlobClient client(String container, String name) {
        return blobs.getBlobContainerClient(container).getBlobClient(name);
    }

    /** The blob is no longer the version that was planned for. */
    public static final class BlobChangedException extends RuntimeException {
        public BlobChangedException(String message) {
            super(message);
        }
    }
}
