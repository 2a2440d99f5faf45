package io.geoetl.promote;

import java.time.Duration;

/**
 * Settings geoetl.promote.adf.* (config/application.properties): where the pipeline lives, the
 * Resource Manager endpoint, and how the router waits for a run (first and longest pause between
 * polls, give-up time, how far back a restarted router looks for a run it started).
 */
record AdfSettings(String subscriptionId, String resourceGroup, String factory, String pipeline, String resourceManagerEndpoint,
                   String tenantId, Duration pollFirst, Duration pollMax, Duration timeout, Duration lookBack) {

    boolean configured() {
        return !subscriptionId.isEmpty() && !resourceGroup.isEmpty() && !factory.isEmpty();
    }
}
