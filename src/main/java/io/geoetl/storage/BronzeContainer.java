package io.geoetl.storage;

import com.azure.core.http.rest.PagedResponse;
import com.azure.storage.blob.BlobContainerClient;
import com.azure.storage.blob.BlobServiceClient;
import com.azure.storage.blob.models.BlobItem;
import com.azure.storage.blob.models.BlobListDetails;
import com.azure.storage.blob.models.BlobProperties;
import com.azure.storage.blob.models.BlobStorageException;
import com.azure.storage.blob.models.ListBlobsOptions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * The container whose new blobs become jobs (bronze). Only ever reads names, ETags, sizes and
 * metadata (listings and HEAD requests): blob content is never downloaded here.
 */
public final class BronzeContainer {
    private static final Duration TIMEOUT = Duration.ofMinutes(2);
    private final BlobContainerClient container;

    public BronzeContainer(BlobServiceClient service, String containerName) {
        this.container = service.getBlobContainerClient(containerName);
    }

    public String name() {
        return container.getBlobContainerName();
    }

    /** Creates the container when it does not exist yet. */
    public BronzeContainer ensureExists() {
        container.createIfNotExists();
        return this;
    }

    /**
     * Lists every blob with its metadata, {@code pageSize} at a time (one listing call per page),
     * skipping the folder markers of hierarchical-namespace accounts.
     */
    public void listVersions(int pageSize, Consumer<List<BlobVersion>> page) {
        ListBlobsOptions options = new ListBlobsOptions().setMaxResultsPerPage(pageSize)
                .setDetails(new BlobListDetails().setRetrieveMetadata(true));
        for (PagedResponse<BlobItem> response : container.listBlobs(options, TIMEOUT).iterableByPage()) {
            List<BlobVersion> versions = new ArrayList<>(response.getValue().size());
            for (BlobItem item : response.getValue()) {
                Map<String, String> metadata = lowerCaseKeys(item.getMetadata());
                if ("true".equalsIgnoreCase(metadata.get("hdi_isfolder"))) continue;
                versions.add(new BlobVersion(name(), item.getName(), item.getProperties().getETag(),
                        orZero(item.getProperties().getContentLength()), metadata));
            }
            if (!versions.isEmpty()) page.accept(versions);
        }
    }

    /** The current version of one blob (a HEAD request), or empty when it does not exist. */
    public Optional<BlobVersion> describe(String blobName) {
        try {
            BlobProperties properties = container.getBlobClient(blobName).getProperties();
            return Optional.of(new BlobVersion(name(), blobName, properties.getETag(), properties.getBlobSize(),
                    lowerCaseKeys(properties.getMetadata())));
        } catch (BlobStorageException e) {
            if (e.getStatusCode() == 404) return Optional.empty();
            throw e;
        }
    }

    private static Map<String, String> lowerCaseKeys(Map<String, String> metadata) {
        Map<String, String> lower = new TreeMap<>();
        if (metadata != null) metadata.forEach((key, value) -> lower.put(key.toLowerCase(Locale.ROOT), value));
        return lower;
    }

    private static long orZero(Long value) {
        return value == null ? 0 : value;
    }
}
