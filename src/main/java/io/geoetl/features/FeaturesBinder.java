package io.geoetl.features;

import io.geoetl.config.ModuleBinder;
import io.geoetl.config.Settings;
import io.geoetl.config.Wiring;
import io.geoetl.http.support.HttpLinks;
import io.geoetl.store.Database;
import io.geoetl.store.FeatureRepository;

/**
 * The beans of routes/features-api.yaml (settings geoetl.features.*): featuresApi, OGC API
 * Features over geo.table_catalog. Runs after the HTTP binder (absolute links from httpLinks).
 */
public final class FeaturesBinder implements ModuleBinder {
    @Override
    public void bind(Wiring wiring) {
        Settings settings = wiring.settings();
        wiring.bind("featuresApi", wiring.closeOnStop(new FeaturesApi(new FeatureRepository(wiring.bean("database", Database.class)),
                wiring.bean("httpLinks", HttpLinks.class), settings.integer("geoetl.features.default-limit"),
                settings.integer("geoetl.features.max-limit"), settings.duration("geoetl.features.stall-timeout"))));
    }
}
