package io.geoetl.drop;

/** A BlobCreated event for the watched container: which blob, the ETag the event saw, and the event id (for logs). */
public record BlobCreated(String container, String blobName, String etag, String eventId) {

    public String path() {
        return container + "/" + blobName;
    }
}
