package io.geoetl.storage;

import com.azure.core.http.rest.PagedResponse;
import com.azure.storage.blob.BlobContainerClient;
import com.azure.storage.blob.BlobServiceClient;
import com.azure.storage.blob.models.BlobItem;
import com.azure.storage.blob.models.ListBlobsOptions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * Pages through the names in one container (bronze, the one jobs read from) for a file picker:
 * one listing call per page, at most {@code limit} entries, resumed with the storage service's
 * own continuation marker. Only names and properties are read, never content.
 */
public final class BlobPicker {
    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private final BlobContainerClient container;

    public BlobPicker(BlobServiceClient service, String containerName) {
        this.container = service.getBlobContainerClient(containerName);
    }

    public String container() {
        return container.getBlobContainerName();
    }

    /** One listed blob; the ETag without quotes. */
    public record Entry(String name, long size, String etag, Instant lastModified) {}

    /** {@code next}: the marker of the following page, null on the last one. */
    public record Page(List<Entry> blobs, String next) {}

    /** The blobs whose names start with {@code prefix} (may be empty), in name order, from {@code after} (a marker; null: the start). */
    public Page page(String prefix, int limit, String after) {
        if (!container.exists()) return new Page(List.of(), null);
        ListBlobsOptions options = new ListBlobsOptions().setPrefix(prefix.isEmpty() ? null : prefix).setMaxResultsPerPage(limit);
        Iterator<PagedResponse<BlobItem>> pages = container.listBlobs(options, after, TIMEOUT).iterableByPage().iterator();
        if (!pages.hasNext()) return new Page(List.of(), null);
        PagedResponse<BlobItem> response = pages.next();
        List<Entry> blobs = new ArrayList<>(response.getValue().size());
        for (BlobItem item : response.getValue()) {
            Long size = item.getProperties().getContentLength();
            blobs.add(new Entry(item.getName(), size == null ? 0 : size, BlobVersion.unquote(item.getProperties().getETag()),
                    item.getProperties().getLastModified().toInstant()));
        }
        String next = response.getContinuationToken();
        return new Page(List.copyOf(blobs), next == null || next.isEmpty() ? null : next);
    }
}
