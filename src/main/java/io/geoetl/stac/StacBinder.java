package io.geoetl.stac;

import io.geoetl.config.Settings;
import io.geoetl.store.Database;
import java.util.List;
import org.apache.camel.spi.Registry;

/**
 * The beans of routes/stac-api.yaml (settings geoetl.stac.*): stacReadApi, stacWriteApi; and the
 * expression indexes of geoetl.stac.indexed-properties.
 */
public final class StacBinder {
    private StacBinder() {}

    public static void bind(Settings settings, Registry registry, Database database) {
        StacSettings stac = new StacSettings(settings.optional("geoetl.http.base-url"), settings.longValue("geoetl.http.max-body-bytes"),
                settings.longValue("geoetl.stac.max-bulk-bytes"), settings.integer("geoetl.stac.page-writers"),
                settings.integer("geoetl.stac.bulk-writers"));
        List<String> indexed = List.copyOf(settings.set("geoetl.stac.indexed-properties"));
        if (!indexed.isEmpty()) database.inTransaction(tx -> {
            tx.stac().ensurePropertyIndexes(indexed);
            return null;
        });
        registry.bind("stacReadApi", new StacReadApi(database, stac, new ItemPages(database, stac.pageWriters())));
        registry.bind("stacWriteApi", new StacWriteApi(database, stac));
    }
}
