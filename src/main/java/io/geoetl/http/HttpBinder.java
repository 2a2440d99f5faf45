package io.geoetl.http;

import io.geoetl.config.ModuleBinder;
import io.geoetl.config.Settings;
import io.geoetl.config.Wiring;
import io.geoetl.http.auth.AccessGuard;
import io.geoetl.http.auth.ApiKeyAuthenticator;
import io.geoetl.http.auth.Authenticator;
import io.geoetl.http.auth.EntraTokenAuthenticator;
import io.geoetl.jobs.JobService;
import io.geoetl.jobs.JobTypeRegistry;
import io.geoetl.ops.Janitor;
import io.geoetl.ops.JobCleanup;
import io.geoetl.storage.AzurePoisonQueue;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.apache.camel.component.micrometer.MicrometerConstants;

/**
 * The job and operations API of routes/http-api.yaml (settings geoetl.http.*, geoetl.auth.*):
 * the request mappers, the health checks every module added, error rendering and the access
 * guard. Runs last: it serves what the other modules bound.
 */
public final class HttpBinder implements ModuleBinder {
    @Override
    public void bind(Wiring wiring) {
        Settings settings = wiring.settings();
        JobService jobService = wiring.bean("jobService", JobService.class);
        wiring.bind("jobsApi", new JobsApi(jobService, settings.integer("geoetl.http.max-body-bytes")));
        wiring.bind("jobTypesApi", new JobTypesApi(wiring.bean("jobTypeRegistry", JobTypeRegistry.class)));
        wiring.bind("dbAdminApi", new DbAdminApi(wiring.bean("janitor", Janitor.class), wiring.bean("poisonQueue", AzurePoisonQueue.class),
                wiring.bean("blobEventPoisonQueue", AzurePoisonQueue.class)));
        wiring.bind("jobCleanupApi", new JobCleanupApi(wiring.bean("jobCleanup", JobCleanup.class)));
        wiring.bind("metricsApi", new MetricsApi(wiring.bean(MicrometerConstants.METRICS_REGISTRY_NAME, PrometheusMeterRegistry.class)));
        HealthApi health = new HealthApi();
        wiring.healthChecks().forEach(health::check);
        wiring.bind("healthApi", health);
        wiring.bind("apiErrors", new ApiErrors());
        wiring.bind("accessGuard", new AccessGuard(authenticator(settings), settings.bool("geoetl.auth.read-open")));
    }

    /** geoetl.auth.mode: api-key (local profile) or entra (azure profile). */
    private static Authenticator authenticator(Settings settings) {
        String mode = settings.text("geoetl.auth.mode").trim();
        return switch (mode) {
            case "api-key" -> new ApiKeyAuthenticator(settings.secret("geoetl.auth.api-key"), settings.secret("geoetl.auth.reader.api-key"));
            case "entra" -> new EntraTokenAuthenticator(settings.text("geoetl.auth.entra.issuer"), settings.text("geoetl.auth.entra.audience"),
                    settings.text("geoetl.auth.entra.jwks-url"), settings.text("geoetl.auth.entra.write-role"),
                    settings.text("geoetl.auth.entra.read-role"));
            default -> throw new IllegalStateException("geoetl.auth.mode must be api-key or entra, not '" + mode + "'");
        };
    }
}
