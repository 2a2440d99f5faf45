package io.geoetl.storage;

import com.azure.storage.blob.BlobContainerClient;
import com.azure.storage.blob.BlobServiceClient;
import com.azure.storage.blob.models.BlobItem;
import com.azure.storage.blob.models.DeleteSnapshotsOptionType;
import com.azure.storage.blob.models.ListBlobsOptions;
import java.util.ArrayList;
import java.util.List;

/** Blobs addressed by container and name prefix: what a job wrote under its own prefix. */
public final class BlobPrefixes {
    private static final int PAGE = 1000;
    private final BlobServiceClient service;

    public BlobPrefixes(BlobServiceClient service) {
        this.service = service;
    }

    /** How many blobs, how many bytes, and the first {@code sampleSize} names under the prefix. */
    public record Listing(long count, long bytes, List<String> sample) {}

    public Listing list(String container, String prefix, int sampleSize) {
        BlobContainerClient client = service.getBlobContainerClient(container);
        if (!client.exists()) return new Listing(0, 0, List.of());
        long count = 0;
        long bytes = 0;
        List<String> sample = new ArrayList<>();
        for (BlobItem item : client.listBlobs(new ListBlobsOptions().setPrefix(prefix).setMaxResultsPerPage(PAGE), null)) {
            count++;
            bytes += item.getProperties().getContentLength() == null ? 0 : item.getProperties().getContentLength();
            if (sample.size() < sampleSize) sample.add(item.getName());
        }
        return new Listing(count, bytes, sample);
    }

    /**
     * delete_blobs_by_prefix: deletes every blob in {@code container} whose name starts with
     * {@code prefix} (with its snapshots); returns how many. A missing container is nothing to delete.
     */
    public long deleteBlobsByPrefix(String container, String prefix) {
        if (prefix == null || prefix.isEmpty()) {
            throw new IllegalArgumentException("refusing to delete by an empty prefix (the whole container " + container + ")");
        }
        BlobContainerClient client = service.getBlobContainerClient(container);
        if (!client.exists()) return 0;
        long deleted = 0;
        for (BlobItem item : client.listBlobs(new ListBlobsOptions().setPrefix(prefix).setMaxResultsPerPage(PAGE), null)) {
            client.getBlobClient(item.getName()).deleteIfExistsWithResponse(
                    DeleteSnapshotsOptionType.INCLUDE, null, null, null);
            deleted++;
        }
        return deleted;
    }
}
