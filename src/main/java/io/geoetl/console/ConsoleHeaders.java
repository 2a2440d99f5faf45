package io.geoetl.console;

import org.apache.camel.http.base.HttpHeaderFilterStrategy;

/**
 * The console route's header filter: Camel's usual HTTP filter, except that Cache-Control set by
 * {@link ConsoleFiles} reaches the browser (the default drops it from replies).
 */
final class ConsoleHeaders extends HttpHeaderFilterStrategy {
    ConsoleHeaders() {
        getOutFilter().remove("cache-control");
    }
}
