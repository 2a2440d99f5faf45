package io.geoetl.ops;

import io.geoetl.config.ModuleBinder;
import io.geoetl.config.Wiring;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.apache.camel.component.micrometer.MicrometerConstants;
import org.apache.camel.component.micrometer.routepolicy.MicrometerRoutePolicyFactory;

/**
 * Metrics before anything that records them: the Prometheus registry (also Camel's, with a
 * policy that times every route) and geoetl's job and task metrics. Beans: metricsRegistry,
 * jobMetrics.
 */
public final class MetricsBinder implements ModuleBinder {
    @Override
    public void bind(Wiring wiring) {
        PrometheusMeterRegistry prometheus = wiring.bind(MicrometerConstants.METRICS_REGISTRY_NAME,
                new PrometheusMeterRegistry(PrometheusConfig.DEFAULT));
        wiring.bind("jobMetrics", new GeoetlMetrics(prometheus));
        wiring.camel().addRoutePolicyFactory(new MicrometerRoutePolicyFactory());
    }
}
