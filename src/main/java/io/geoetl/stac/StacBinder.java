package io.geoetl.stac;

import io.geoetl.config.ModuleBinder;
import io.geoetl.config.Settings;
import io.geoetl.config.Wiring;
import io.geoetl.http.support.BodyLimits;
import io.geoetl.http.support.HttpLinks;
import io.geoetl.http.support.StreamedReplies;
import io.geoetl.storage.BlobUrlSigner;
import io.geoetl.store.Database;
import io.geoetl.store.StacSearchTuning.FilterSort;
import java.util.List;

/**
 * The beans of routes/stac-api.yaml (settings geoetl.stac.*): stacReadApi (which signs asset hrefs
 * with storage's blobUrlSigner on ?sign=true and streams pages with streamedReplies), stacWriteApi;
 * and the search indexes and statistics of geoetl.stac.indexed-properties, filter-sort-indexes and
 * statistics-properties.
 */
public final class StacBinder implements ModuleBinder {
    @Override
    public void bind(Wiring wiring) {
        Settings settings = wiring.settings();
        Database database = wiring.bean("database", Database.class);
        StacSettings stac = new StacSettings(settings.integer("geoetl.stac.bulk-writers"));
        List<String> indexed = List.copyOf(settings.set("geoetl.stac.indexed-properties"));
        List<FilterSort> filterSorts = settings.set("geoetl.stac.filter-sort-indexes").stream().map(StacBinder::filterSort).toList();
        List<String> statistics = List.copyOf(settings.set("geoetl.stac.statistics-properties"));
        database.inTransaction(tx -> {
            tx.stacSearchTuning().ensurePropertyIndexes(indexed);
            tx.stacSearchTuning().ensureFilterSortIndexes(filterSorts);
            tx.stacSearchTuning().ensurePropertyStatistics(statistics);
            return null;
        });
        BodyLimits bodyLimits = wiring.bean("bodyLimits", BodyLimits.class);
        HttpLinks links = wiring.bean("httpLinks", HttpLinks.class);
        ItemPages pages = new ItemPages(database, wiring.bean("streamedReplies", StreamedReplies.class),
                settings.integer("geoetl.stac.in-place-page-limit"));
        AssetSigning signing = new AssetSigning(wiring.bean("blobUrlSigner", BlobUrlSigner.class));
        wiring.bind("stacReadApi", new StacReadApi(database, pages, bodyLimits, links, signing));
        wiring.bind("stacWriteApi", new StacWriteApi(database, stac, bodyLimits, links));
    }

    /** One entry of geoetl.stac.filter-sort-indexes: {@code property/sort-field} (property names may hold ':'). */
    private static FilterSort filterSort(String entry) {
        String[] parts = entry.split("/");
        if (parts.length != 2 || parts[0].isBlank() || parts[1].isBlank()) {
            throw new IllegalStateException("geoetl.stac.filter-sort-indexes takes property/sort-field pairs, not '" + entry + "'");
        }
        return new FilterSort(parts[0].trim(), parts[1].trim());
    }
}
