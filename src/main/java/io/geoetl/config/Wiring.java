package io.geoetl.config;

import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import org.apache.camel.CamelContext;
import org.apache.camel.Service;
import org.apache.camel.builder.ThreadPoolBuilder;
import org.apache.camel.util.concurrent.ThreadPoolRejectedPolicy;

/**
 * What a {@link ModuleBinder} works with: the settings, the start-up wait, the Camel registry
 * (beans bound by earlier binders are looked up by name) and the health checks every module adds.
 */
public final class Wiring {
    private final CamelContext camel;
    private final Settings settings;
    private final StartupWait startup;
    private final Map<String, Callable<String>> healthChecks = new LinkedHashMap<>();
    private String workerId;

    public Wiring(CamelContext camel) {
        this.camel = camel;
        this.settings = new Settings(camel);
        this.startup = new StartupWait(settings.duration("geoetl.startup.wait"));
    }

    public CamelContext camel() {
        return camel;
    }

    public Settings settings() {
        return settings;
    }

    /** Start-up steps that need a service wait for it (geoetl.startup.wait) instead of failing. */
    public StartupWait startup() {
        return startup;
    }

    /** This router's identity in claims and events: geoetl.worker.id, or one made up once per process. */
    public synchronized String workerId() {
        if (workerId == null) workerId = settings.workerId();
        return workerId;
    }

    /** Binds {@code bean} under {@code name} for routes and later binders; returns it. */
    public <T> T bind(String name, T bean) {
        camel.getRegistry().bind(name, bean);
        return bean;
    }

    /** A bean an earlier binder bound; a missing one is a wiring-order mistake, named as such. */
    public <T> T bean(String name, Class<T> type) {
        T bean = camel.getRegistry().lookupByNameAndType(name, type);
        if (bean == null) {
            throw new IllegalStateException("bean " + name + " (" + type.getSimpleName() + ") is not bound: the binder that "
                    + "creates it must run earlier (see io.geoetl.GeoetlConfiguration)");
        }
        return bean;
    }

    /** Adds a check to GET /api/health: returns a detail, or throws when the dependency is down. */
    public void healthCheck(String name, Callable<String> check) {
        healthChecks.put(name, check);
    }

    public Map<String, Callable<String>> healthChecks() {
        return Collections.unmodifiableMap(healthChecks);
    }

    /**
     * Closes {@code resource} when the Camel context stops. Camel does not close the beans of its
     * registry, so without this every router a JVM starts and stops (the test suite starts ~70)
     * would leave its connection pools and threads open. Resources close in the reverse order of
     * registration: what a later binder built on top of an earlier one closes first.
     */
    public <T extends AutoCloseable> T closeOnStop(T resource) {
        try {
            camel.addService(new ClosingService(resource), true, false);
        } catch (Exception e) {
            throw new IllegalStateException("cannot register " + resource + " to close when the router stops", e);
        }
        return resource;
    }

    /** A fixed pool with a bounded queue that rejects (never runs on the caller) when full; Camel shuts it down. */
    public ExecutorService boundedPool(String name, int threads, int queue) {
        try {
            return new ThreadPoolBuilder(camel).poolSize(threads).maxPoolSize(threads).maxQueueSize(queue)
                    .rejectedPolicy(ThreadPoolRejectedPolicy.Abort).build(Wiring.class, name);
        } catch (Exception e) {
            throw new IllegalStateException("cannot create the " + name + " thread pool", e);
        }
    }

    /** Upper bound for one health check of a remote service (the SDKs would retry for minutes). */
    public static Duration healthTimeout() {
        return Duration.ofSeconds(5);
    }

    /** A Camel service whose stop closes one resource (start does nothing: the resource is open already). */
    private record ClosingService(AutoCloseable resource) implements Service {
        @Override
        public void start() {
        }

        @Override
        public void stop() {
            try {
                resource.close();
            } catch (Exception e) {
                throw new IllegalStateException("closing " + resource + " failed", e);
            }
        }
    }
}
