package io.geoetl.storage;

import com.azure.storage.blob.BlobContainerClient;
import com.azure.storage.blob.BlobServiceClient;
import com.azure.storage.blob.models.BlobItem;
import com.azure.storage.blob.models.ListBlobsOptions;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.function.Predicate;

/**
 * The blobs under a container/prefix as the storage service lists them (name, ETag, size, last
 * change), read page by page from the SDK, and the listing's fingerprint: SHA-256 over the names
 * and ETags sorted by name. The same listing gives the same fingerprint; a blob added, replaced or
 * removed gives another. A job whose parameters carry the fingerprint therefore gets a new job id
 * when the listing changes: catalog_rasters uses it, and process_raster's blob_prefix needs the
 * same identity. Only what the caller's filter accepts is kept, at most {@code limit} entries.
 */
public final class BlobListing {
    /** The most the storage service returns in one page (and its default). */
    public static final int MAX_PAGE = 1000;
    private final BlobServiceClient service;
    private final int page;

    public BlobListing(BlobServiceClient service) {
        this(service, MAX_PAGE);
    }

    /** {@code page}: blobs asked for per listing request (1-1000). */
    public BlobListing(BlobServiceClient service, int page) {
        if (page < 1 || page > MAX_PAGE) throw new IllegalArgumentException("a listing page holds 1-" + MAX_PAGE + " blobs, not " + page);
        this.service = service;
        this.page = page;
    }

    /** One listed blob; the ETag without quotes, as {@link BlobVersion} keeps it. */
    public record Entry(String name, String etag, long size, Instant lastModified) {}

    /** The accepted entries sorted by name, and their fingerprint. {@code truncated}: more than the limit were listed. */
    public record Listing(List<Entry> entries, String fingerprint, boolean truncated) {}

    /** Whether the container exists. */
    public boolean containerExists(String container) {
        return service.getBlobContainerClient(container).exists();
    }

    /**
     * The blobs under {@code prefix} whose names {@code accept} takes, at most {@code limit} of them
     * (listing stops at the first one over it and the result says {@code truncated}). A missing
     * container lists nothing.
     */
    public Listing list(String container, String prefix, Predicate<String> accept, int limit) {
        BlobContainerClient client = service.getBlobContainerClient(container);
        List<Entry> entries = new ArrayList<>();
        boolean truncated = false;
        if (client.exists()) {
            ListBlobsOptions options = new ListBlobsOptions().setPrefix(prefix.isEmpty() ? null : prefix).setMaxResultsPerPage(page);
            for (BlobItem item : client.listBlobs(options, null)) {
                if (!accept.test(item.getName())) continue;
                if (entries.size() == limit) {
                    truncated = true;
                    break;
                }
                Long size = item.getProperties().getContentLength();
                entries.add(new Entry(item.getName(), BlobVersion.unquote(item.getProperties().getETag()), size == null ? 0 : size,
                        item.getProperties().getLastModified().toInstant()));
            }
        }
        entries.sort(Comparator.comparing(Entry::name));
        return new Listing(List.copyOf(entries), fingerprint(entries), truncated);
    }

    /** SHA-256 (hex) over "name\tetag\n" of each entry, in the given (name) order. */
    static String fingerprint(List<Entry> sortedEntries) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            for (Entry entry : sortedEntries) {
                digest.update((entry.name() + '\t' + entry.etag() + '\n').getBytes(StandardCharsets.UTF_8));
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
