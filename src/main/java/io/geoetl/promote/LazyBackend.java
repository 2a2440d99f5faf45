package io.geoetl.promote;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.function.Supplier;

/** A backend built on its first task, so the production database is reached (and migrated) only when a promotion runs. */
final class LazyBackend implements PromotionBackend {
    private final Supplier<PromotionBackend> factory;
    private volatile PromotionBackend backend;

    LazyBackend(Supplier<PromotionBackend> factory) {
        this.factory = factory;
    }

    @Override
    public JsonNode promote(String jobId, PromoteParameters p) {
        return backend().promote(jobId, p);
    }

    @Override
    public JsonNode verify(String jobId, PromoteParameters p, JsonNode promoted) {
        return backend().verify(jobId, p, promoted);
    }

    private synchronized PromotionBackend backend() {
        if (backend == null) backend = factory.get();
        return backend;
    }
}
