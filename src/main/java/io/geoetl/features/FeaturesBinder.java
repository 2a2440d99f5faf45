package io.geoetl.features;

import io.geoetl.config.ModuleBinder;
import io.geoetl.config.Settings;
import io.geoetl.config.Wiring;
import io.geoetl.http.support.HttpLinks;
import io.geoetl.http.support.StreamedReplies;
import io.geoetl.store.Database;
import io.geoetl.store.FeatureRepository;
import io.geoetl.store.VectorTileRepository;

/**
 * The beans of routes/features-api.yaml (settings geoetl.features.*): featuresApi, OGC API
 * Features over geo.table_catalog, and vectorTilesApi, their Mapbox vector tiles. Runs after the
 * HTTP binder (absolute links from httpLinks, pages streamed by streamedReplies).
 */
public final class FeaturesBinder implements ModuleBinder {
    @Override
    public void bind(Wiring wiring) {
        Settings settings = wiring.settings();
        Database database = wiring.bean("database", Database.class);
        FeatureRepository features = new FeatureRepository(database);
        wiring.bind("featuresApi", new FeaturesApi(features, wiring.bean("httpLinks", HttpLinks.class),
                wiring.bean("streamedReplies", StreamedReplies.class), settings.integer("geoetl.features.default-limit"),
                settings.integer("geoetl.features.max-limit")));
        VectorTileRepository tiles = new VectorTileRepository(database, settings.integer("geoetl.features.tile-max-features"),
                settings.integer("geoetl.features.tile-max-columns"));
        int tileThreads = settings.integer("geoetl.features.tile-threads");
        StreamedReplies tileWriters = new StreamedReplies(wiring.boundedPool("geoetl-tile-writer", tileThreads,
                settings.integer("geoetl.features.tile-queue")), tileThreads, settings.duration("geoetl.http.stream-stall-timeout"),
                "geoetl.features.tile-threads");
        wiring.bind("vectorTilesApi", new VectorTilesApi(features, tiles, tileWriters));
    }
}
