package io.geoetl.jobs;

import java.util.List;

/** The append-only history of every transition (implemented in io.geoetl.store). */
public interface JobEventStore {
    void append(JobEvent event);

    void appendAll(List<JobEvent> events);

    /** The history of a job, oldest first; {@code taskId} null = all of it. */
    List<JobEvent> list(String jobId, String taskId, int limit, long afterEventId);
}
