package io.geoetl.store;

import java.time.OffsetDateTime;

/** One app.promotion_schedule_events row: what a scheduled run did for one source/target pair. */
public record ScheduleEvent(long eventId, String source, String target, String outcome, String jobId, String blockingJob,
                            String reason, OffsetDateTime createdAt) {}
