package io.geoetl.features;

import io.geoetl.config.Settings;
import io.geoetl.http.docs.ApiDocsPage;
import io.geoetl.store.Database;
import io.geoetl.store.FeatureRepository;
import org.apache.camel.spi.Registry;

/**
 * The beans of routes/features-api.yaml and routes/api-docs.yaml (settings geoetl.features.*):
 * featuresApi (OGC API Features over geo.table_catalog) and apiDocsPage (the page that renders
 * /api/openapi.json).
 */
public final class FeaturesBinder {
    private FeaturesBinder() {}

    public static void bind(Settings settings, Registry registry, Database database) {
        registry.bind("featuresApi", new FeaturesApi(new FeatureRepository(database),
                settings.integer("geoetl.features.default-limit"), settings.integer("geoetl.features.max-limit"),
                settings.duration("geoetl.features.stall-timeout")));
        registry.bind("apiDocsPage", new ApiDocsPage());
    }
}
