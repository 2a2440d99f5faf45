package io.geoetl.jobs;

import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentSkipListMap;

/** The job types this router knows, by name. */
public final class JobTypeRegistry {
    private final Map<String, JobType> types = new ConcurrentSkipListMap<>();

    public JobTypeRegistry register(JobType type) {
        types.put(type.name(), type);
        return this;
    }

    public Optional<JobType> find(String name) {
        return Optional.ofNullable(name == null ? null : types.get(name));
    }

    /** The job type of a stored job; a job whose type is no longer registered is a deployment error. */
    public JobType require(String name) {
        return find(name).orElseThrow(() -> new IllegalStateException("job type " + name + " is not registered in this router"));
    }

    public Collection<String> names() {
        return types.keySet();
    }
}
