package io.geoetl.features;

import io.geoetl.config.ModuleBinder;
import io.geoetl.config.Settings;
import io.geoetl.config.Wiring;
import io.geoetl.http.support.HttpLinks;
import io.geoetl.http.support.StreamedReplies;
import io.geoetl.store.Database;
import io.geoetl.store.FeatureRepository;

/**
 * The beans of routes/features-api.yaml (settings geoetl.features.*): featuresApi, OGC API
 * Features over geo.table_catalog. Runs after the HTTP binder (absolute links from httpLinks, pages
 * streamed by streamedReplies).
 */
public final class FeaturesBinder implements ModuleBinder {
    @Override
    public void bind(Wiring wiring) {
        Settings settings = wiring.settings();
        wiring.bind("featuresApi", new FeaturesApi(new FeatureRepository(wiring.bean("database", Database.class)),
                wiring.bean("httpLinks", HttpLinks.class), wiring.bean("streamedReplies", StreamedReplies.class),
                settings.integer("geoetl.features.default-limit"), settings.integer("geoetl.features.max-limit")));
    }
}
