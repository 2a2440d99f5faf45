package io.geoetl.store;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.OffsetDateTime;

/** One app.promotions audit row ({@code stacItem}: the production STAC item published, "collection/item"); {@code status} is failed as soon as its job failed. */
public record Promotion(
        String jobId,
        String backend,
        String mode,
        String source,
        String sourceVersion,
        String target,
        String adfRunId,
        Long rowsRead,
        Long rowsWritten,
        JsonNode verification,
        String status,
        String error,
        String requestedBy,
        OffsetDateTime startedAt,
        OffsetDateTime finishedAt,
        String stacItem) {}
