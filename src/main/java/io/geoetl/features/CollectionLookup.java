package io.geoetl.features;

import io.geoetl.http.support.ApiException;
import io.geoetl.store.FeatureRepository;
import io.geoetl.store.FeatureTable;
import org.apache.camel.Message;

/** The catalogued table a request's {@code collectionId} names, or a 404 that says where the list is. */
final class CollectionLookup {
    private final FeatureRepository features;

    CollectionLookup(FeatureRepository features) {
        this.features = features;
    }

    FeatureTable table(Message in) {
        String id = in.getHeader("collectionId", String.class);
        return CollectionIds.parse(id).flatMap(name -> features.table(name[0], name[1]))
                .orElseThrow(() -> new ApiException(404, "collection_not_found", "no collection '" + id
                        + "': only catalogued tables are served; GET " + FeatureDocuments.ROOT + "/collections lists them"));
    }
}
