package io.geoetl.stac;

import io.geoetl.config.ModuleBinder;
import io.geoetl.config.Settings;
import io.geoetl.config.Wiring;
import io.geoetl.http.support.BodyLimits;
import io.geoetl.http.support.HttpLinks;
import io.geoetl.storage.BlobUrlSigner;
import io.geoetl.store.Database;
import java.util.List;

/**
 * The beans of routes/stac-api.yaml (settings geoetl.stac.*): stacReadApi (which signs asset hrefs
 * with storage's blobUrlSigner on ?sign=true), stacWriteApi; and the
 * expression indexes of geoetl.stac.indexed-properties.
 */
public final class StacBinder implements ModuleBinder {
    @Override
    public void bind(Wiring wiring) {
        Settings settings = wiring.settings();
        Database database = wiring.bean("database", Database.class);
        StacSettings stac = new StacSettings(settings.integer("geoetl.stac.page-writers"),
                settings.integer("geoetl.stac.bulk-writers"));
        List<String> indexed = List.copyOf(settings.set("geoetl.stac.indexed-properties"));
        if (!indexed.isEmpty()) database.inTransaction(tx -> {
            tx.stac().ensurePropertyIndexes(indexed);
            return null;
        });
        BodyLimits bodyLimits = wiring.bean("bodyLimits", BodyLimits.class);
        HttpLinks links = wiring.bean("httpLinks", HttpLinks.class);
        wiring.bind("stacReadApi", new StacReadApi(database, wiring.closeOnStop(new ItemPages(database, stac.pageWriters())), bodyLimits,
                links, new AssetSigning(wiring.bean("blobUrlSigner", BlobUrlSigner.class))));
        wiring.bind("stacWriteApi", new StacWriteApi(database, stac, bodyLimits, links));
    }
}
