package io.geoetl.features;

import io.geoetl.http.support.CorsPolicy;
import io.geoetl.http.support.StreamedReplies;
import io.geoetl.store.FeatureRepository;
import io.geoetl.store.FeatureTable;
import io.geoetl.store.VectorTileRepository;
import org.apache.camel.Exchange;
import org.apache.camel.Message;

/**
 * Mapbox vector tiles of a catalogued table (GET /api/features/collections/{id}/tiles/{z}/{x}/{y},
 * WebMercatorQuad). The HTTP thread only checks the address and the table; PostGIS writes the
 * tile on the bounded tile pool ({@code geoetl.features.tile-threads}, 503 {@code busy} when its
 * queue is full). A tile outside the table's extent is a 204 without a query.
 */
public final class VectorTilesApi {
    static final String MVT = "application/vnd.mapbox-vector-tile";
    private final CollectionLookup collections;
    private final VectorTileRepository tiles;
    private final StreamedReplies writers;

    public VectorTilesApi(FeatureRepository features, VectorTileRepository tiles, StreamedReplies writers) {
        this.collections = new CollectionLookup(features);
        this.tiles = tiles;
        this.writers = writers;
    }

    public void tile(Exchange exchange) {
        Message in = exchange.getIn();
        TileAddress address = TileAddress.parse(in.getHeader("z", String.class), in.getHeader("x", String.class), in.getHeader("y", String.class));
        FeatureTable table = collections.table(in);
        double[] area = table.extentCrs84() == null ? null
                : address.crs84Within((double) VectorTileRepository.BUFFER / VectorTileRepository.EXTENT, table.extentCrs84());
        if (area == null) {
            Message out = exchange.getMessage();
            CorsPolicy.keepOnlyResponseHeaders(out);
            out.setHeader(Exchange.HTTP_RESPONSE_CODE, 204);
            out.setBody(null);
            return;
        }
        String layer = CollectionIds.of(table);
        writers.stream(exchange, 200, MVT, out -> out.write(tiles.tile(table, layer, address.z(), address.x(), address.y(), area)));
    }
}
