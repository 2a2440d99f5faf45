package io.geoetl.http;

import io.geoetl.http.auth.AccessGuard;
import org.apache.camel.Exchange;

/** Who made a request, as recorded in the event history ("api:<name>"), set by the access guard. */
final class Callers {
    private Callers() {}

    static String actor(Exchange exchange) {
        String caller = exchange.getProperty(AccessGuard.CALLER_PROPERTY, String.class);
        return "api:" + (caller == null ? "anonymous" : caller);
    }
}
