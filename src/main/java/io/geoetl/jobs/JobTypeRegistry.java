package io.geoetl.jobs;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentSkipListMap;

/** The job types this router knows, by name. */
public final class JobTypeRegistry {
    private final Map<String, JobType> types = new ConcurrentSkipListMap<>();

    /** Adds a job type; a second type under the same name is a wiring mistake and refused. */
    public JobTypeRegistry register(JobType type) {
        JobType existing = types.putIfAbsent(type.name(), type);
        if (existing != null) {
            throw new IllegalStateException("job type " + type.name() + " is registered twice (" + existing.getClass().getName()
                    + " and " + type.getClass().getName() + ")");
        }
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

    /** The names of the types whose tasks fail after one lost worker ({@link JobType#failsOnLostWorker}). */
    public List<String> failingOnLostWorker() {
        return types.values().stream().filter(JobType::failsOnLostWorker).map(JobType::name).toList();
    }

    /** The types clients may submit, by name (internal types left out). */
    public List<JobType> submittable() {
        return types.values().stream().filter(type -> !type.internal()).toList();
    }
}
