package io.geoetl.http;

import org.apache.camel.Exchange;

/** Who made a request, as recorded in the event history ("api:<name>"), set by the access guard. */
final class Callers {
    static final String PROPERTY = "geoetl.caller";

    private Callers() {}

    static String actor(Exchange exchange) {
        String caller = exchange.getProperty(PROPERTY, String.class);
        return "api:" + (caller == null ? "anonymous" : caller);
    }
}
