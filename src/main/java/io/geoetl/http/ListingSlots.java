package io.geoetl.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.geoetl.http.support.ApiException;
import io.geoetl.jobs.JobTypeRegistry;
import io.geoetl.jobs.Json;
import java.util.concurrent.Semaphore;

/**
 * A small bound on submissions that list blob storage before they answer (catalog_rasters,
 * process_raster with blob_prefix: the job id needs the listing's fingerprint). Such a request
 * holds its HTTP worker thread for the whole listing: platform-http-vertx (Camel 4.17) runs each
 * exchange with the synchronous Processor.process inside Vert.x's executeBlocking, so even an
 * asynchronous route keeps the thread until it ends. At most {@code slots} of them run at once, so
 * they never take the request slots other submissions need; one more gets 503 busy with Retry-After.
 */
public final class ListingSlots {
    /** Seconds a refused client is told to wait: a listing of a few thousand blobs takes about that long. */
    static final int RETRY_AFTER_SECONDS = 5;
    private final Semaphore slots;
    private final int size;
    private final JobTypeRegistry registry;

    public ListingSlots(int slots, JobTypeRegistry registry) {
        this.slots = new Semaphore(slots);
        this.size = slots;
        this.registry = registry;
    }

    /** A taken slot, given back by closing it (a no-op for submissions that do not list). */
    public interface Slot extends AutoCloseable {
        @Override
        void close();
    }

    /** Takes a slot when a {@code jobType} job with these raw parameters lists storage on submission; 503 busy when none is free. */
    public Slot enter(String jobType, JsonNode raw) {
        boolean lists = registry.find(jobType).map(type -> type.listsStorageOnSubmit(raw)).orElse(false);
        if (!lists) return () -> {};
        if (!slots.tryAcquire()) {
            throw new ApiException(503, "busy", "all " + size + " slots for submissions that list blob storage are taken"
                    + " (geoetl.http.listing-slots); try again in " + RETRY_AFTER_SECONDS + " seconds",
                    Json.object().put(ApiErrors.RETRY_AFTER, RETRY_AFTER_SECONDS));
        }
        return slots::release;
    }

    /** Slots free now. */
    public int available() {
        return slots.availablePermits();
    }
}
