package io.geoetl.promote;

import io.geoetl.store.TableName;
import io.geoetl.store.TableTransfer;

/**
 * Finds the STAC item ingest_vector wrote for a source table (collection geoetl.stac.vector-collection)
 * and prepares it for production, with hrefs under geoetl.promote.production-base-url.
 */
final class PromotedItems {
    private final String collection;
    private final String productionBaseUrl;

    PromotedItems(String collection, String productionBaseUrl) {
        this.collection = collection;
        this.productionBaseUrl = productionBaseUrl.replaceAll("/+$", "");
    }

    PromotedStacItem of(TableTransfer transfer, String jobId, PromoteParameters p) {
        TableName source = p.source();
        return new PromotedStacItem(collection, transfer.stagingStacItem(collection, PromotedStacItem.itemIdOf(source)), jobId, p,
                productionBaseUrl);
    }
}
