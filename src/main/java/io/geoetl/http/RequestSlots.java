package io.geoetl.http;

import io.geoetl.http.support.ApiException;
import java.util.Set;
import java.util.concurrent.Semaphore;
import org.apache.camel.Exchange;
import org.apache.camel.support.SynchronizationAdapter;

/**
 * Keeps HTTP worker threads free for the routes that must always answer (/api/health). Every
 * request runs on one thread of Vert.x's worker pool (platform-http-vertx); without a limit, slow
 * requests can hold every thread and a health probe waits behind them. Requests of other routes
 * take one of {@code slots} (fewer than the pool's threads) for as long as they run, and get 503
 * {@code busy} at once when none is free; the routes in {@code unlimitedRoutes} never wait for a slot.
 */
public final class RequestSlots {
    private final Semaphore slots;
    private final int size;
    private final Set<String> unlimitedRoutes;

    public RequestSlots(int slots, Set<String> unlimitedRoutes) {
        this.slots = new Semaphore(slots);
        this.size = slots;
        this.unlimitedRoutes = Set.copyOf(unlimitedRoutes);
    }

    /** Slots free now. */
    public int available() {
        return slots.availablePermits();
    }

    /** Takes a slot until the exchange completes (its response written), or refuses the request. */
    public void enter(Exchange exchange) {
        if (unlimitedRoutes.contains(exchange.getFromRouteId())) return;
        if (!slots.tryAcquire()) {
            throw new ApiException(503, "busy", "all " + size + " request slots are taken (geoetl.http.request-slots); try again in a moment");
        }
        exchange.getExchangeExtension().addOnCompletion(new SynchronizationAdapter() {
            @Override
            public void onDone(Exchange done) {
                slots.release();
            }
        });
    }
}
