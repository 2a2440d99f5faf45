package io.geoetl.storage;

import com.azure.storage.blob.BlobServiceClient;

/** Creates blob containers at start-up (an upload does not create its container). */
public final class ContainerSetup {
    private ContainerSetup() {}

    /** Creates each container that does not exist yet. */
    public static void ensureExist(BlobServiceClient blobs, String... containers) {
        for (String container : containers) {
            blobs.getBlobContainerClient(container).createIfNotExists();
        }
    }
}
