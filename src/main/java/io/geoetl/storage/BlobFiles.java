package io.geoetl.storage;

import com.azure.core.util.Context;
import com.azure.storage.blob.BlobClient;
import com.azure.storage.blob.BlobServiceClient;
import com.azure.storage.blob.models.BlobProperties;
import com.azure.storage.blob.models.BlobRequestConditions;
import com.azure.storage.blob.models.BlobStorageException;
import com.azure.storage.common.ParallelTransferOptions;
import com.azure.storage.blob.models.BlockBlobItem;
import com.azure.storage.blob.options.BlobDownloadToFileOptions;
import com.azure.storage.blob.options.BlobParallelUploadOptions;
import com.azure.storage.blob.options.BlobUploadFromFileOptions;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Blob metadata, downloads to local files and uploads from them or from streams. The Azure SDK
 * moves data in blocks straight between disk (or the stream) and the service, so neither
 * direction holds a blob in the heap: at most {@link #PARALLEL_BLOCKS} blocks are in flight.
 */
public final class BlobFiles {
    private static final long DEFAULT_BLOCK_BYTES = 32L * 1024 * 1024;
    private static final int PARALLEL_BLOCKS = 4;
    /** A stream has no file to re-read: its blocks are buffered, so they are smaller and fewer in flight. */
    private static final long STREAM_BLOCK_BYTES = 8L * 1024 * 1024;
    private static final int PARALLEL_STREAM_BLOCKS = 2;
    private final BlobServiceClient blobs;
    private final long blockBytes;

    public BlobFiles(BlobServiceClient blobs) {
        this(blobs, DEFAULT_BLOCK_BYTES);
    }

    /** {@code blockBytes}: the size of each downloaded range and uploaded block; larger uploads go as several blocks. */
    BlobFiles(BlobServiceClient blobs, long blockBytes) {
        this.blobs = blobs;
        this.blockBytes = blockBytes;
    }

    /** What an upload does when the blob already exists. */
    public enum Overwrite {
        /** the new content replaces the blob */
        REPLACE,
        /** the upload is refused with {@link BlobExistsException} and the blob stays as it was */
        REFUSE
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
     * The blob's address (https://<account>.blob.core.windows.net/<container>/<name>, or Azurite's),
     * never signed; each path segment percent-encoded, the slashes kept (the SDK's getBlobUrl encodes them).
     */
    public String url(String container, String name) {
        StringBuilder url = new StringBuilder(blobs.getBlobContainerClient(container).getBlobContainerUrl());
        for (String segment : name.split("/", -1)) {
            url.append('/').append(java.net.URLEncoder.encode(segment, java.nio.charset.StandardCharsets.UTF_8).replace("+", "%20"));
        }
        return url.toString();
    }

    /** Deletes the blob if it exists; true when it did. */
    public boolean delete(String container, String name) {
        return client(container, name).deleteIfExists();
    }

    /**
     * Downloads exactly the version {@code blob} describes into {@code target} (replaced if present).
     * Throws {@link BlobChangedException} when the blob was replaced or deleted since.
     */
    public void download(BlobInfo blob, Path target) {
        BlobDownloadToFileOptions options = new BlobDownloadToFileOptions(target.toString())
                .setRequestConditions(new BlobRequestConditions().setIfMatch(blob.etag()))
                .setParallelTransferOptions(transferOptions())
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

    /**
     * Uploads a local file as {@code container/name}, read from disk block by block (one request
     * when it fits in one block), and returns the version written.
     */
    public BlobInfo upload(Path file, String container, String name, Overwrite overwrite) {
        BlobUploadFromFileOptions options = new BlobUploadFromFileOptions(file.toString())
                .setParallelTransferOptions(uploadOptions(blockBytes, PARALLEL_BLOCKS))
                .setRequestConditions(conditions(overwrite));
        try {
            BlockBlobItem written = uploaded(container, name,
                    () -> client(container, name).uploadFromFileWithResponse(options, null, Context.NONE).getValue());
            return new BlobInfo(container, name, Files.size(file), written.getETag());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Uploads a stream of unknown length as {@code container/name}: the SDK reads it into blocks of
     * at most 8 MiB, stages them with at most {@link #PARALLEL_STREAM_BLOCKS} in flight (so a few
     * blocks are in the heap, never the whole stream), then commits the block list. The stream is
     * read to its end, not closed. Returns the version written.
     */
    public BlobInfo upload(InputStream content, String container, String name, Overwrite overwrite) {
        CountingInputStream counted = new CountingInputStream(content);
        BlobParallelUploadOptions options = new BlobParallelUploadOptions(counted)
                .setParallelTransferOptions(uploadOptions(Math.min(blockBytes, STREAM_BLOCK_BYTES), PARALLEL_STREAM_BLOCKS))
                .setRequestConditions(conditions(overwrite));
        BlockBlobItem written = uploaded(container, name,
                () -> client(container, name).uploadWithResponse(options, null, Context.NONE).getValue());
        return new BlobInfo(container, name, counted.count(), written.getETag());
    }

    private static BlockBlobItem uploaded(String container, String name, Supplier<BlockBlobItem> upload) {
        try {
            return upload.get();
        } catch (BlobStorageException e) {
            if (e.getStatusCode() == 409 || e.getStatusCode() == 412) {
                throw new BlobExistsException(container + "/" + name + " already exists and the upload may not replace it");
            }
            throw e;
        }
    }

    private static BlobRequestConditions conditions(Overwrite overwrite) {
        BlobRequestConditions conditions = new BlobRequestConditions();
        return overwrite == Overwrite.REFUSE ? conditions.setIfNoneMatch("*") : conditions;
    }

    private ParallelTransferOptions transferOptions() {
        return new ParallelTransferOptions().setBlockSizeLong(blockBytes).setMaxConcurrency(PARALLEL_BLOCKS);
    }

    /** Anything larger than one block goes as several staged blocks. */
    private static com.azure.storage.blob.models.ParallelTransferOptions uploadOptions(long block, int parallel) {
        return new com.azure.storage.blob.models.ParallelTransferOptions().setBlockSizeLong(block)
                .setMaxSingleUploadSizeLong(block).setMaxConcurrency(parallel);
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

    /** An upload with {@link Overwrite#REFUSE} found the blob already there. */
    public static final class BlobExistsException extends RuntimeException {
        public BlobExistsException(String message) {
            super(message);
        }
    }
}
