package io.geoetl.ops;

import io.geoetl.jobs.TaskWorker;
import java.time.Duration;
import org.apache.camel.spi.CamelEvent;
import org.apache.camel.support.EventNotifierSupport;

/**
 * On SIGTERM Camel Main stops the context: this notifier hears it first, before Camel suspends the
 * consumers and waits for in-flight messages (camel.main.shutdownTimeout). It tells the worker
 * to take no new task and to hand unfinished ones back after geoetl.worker.shutdown-grace, which
 * must be shorter than Camel's timeout so the hand-back happens before Camel gives up waiting.
 */
public final class GracefulShutdown extends EventNotifierSupport {
    private final TaskWorker worker;
    private final Duration grace;

    public GracefulShutdown(TaskWorker worker, Duration grace) {
        this.worker = worker;
        this.grace = grace;
        setIgnoreExchangeEvents(true);
        setIgnoreRouteEvents(true);
        setIgnoreServiceEvents(true);
        setIgnoreStepEvents(true);
    }

    @Override
    public boolean isEnabled(CamelEvent event) {
        return event instanceof CamelEvent.CamelContextStoppingEvent;
    }

    @Override
    public void notify(CamelEvent event) {
        worker.shutdown(grace);
    }
}
