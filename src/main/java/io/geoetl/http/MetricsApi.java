package io.geoetl.http;

import io.geoetl.http.support.HttpReplies;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.apache.camel.Exchange;

/** GET /api/metrics: every meter (geoetl's and Camel's routes) in the Prometheus text format. */
public final class MetricsApi {
    private static final String PROMETHEUS_TEXT = "text/plain; version=0.0.4; charset=utf-8";
    private final PrometheusMeterRegistry registry;

    public MetricsApi(PrometheusMeterRegistry registry) {
        this.registry = registry;
    }

    public void scrape(Exchange exchange) {
        HttpReplies.text(exchange, 200, PROMETHEUS_TEXT, registry.scrape());
    }
}
