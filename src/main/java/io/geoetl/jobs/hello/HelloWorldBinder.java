package io.geoetl.jobs.hello;

import io.geoetl.config.ModuleBinder;
import io.geoetl.config.Wiring;
import io.geoetl.jobs.JobTypeRegistry;

/** The job type hello_world, which proves the orchestration end to end. */
public final class HelloWorldBinder implements ModuleBinder {
    @Override
    public void bind(Wiring wiring) {
        wiring.bean("jobTypeRegistry", JobTypeRegistry.class).register(new HelloWorldJobType());
    }
}
