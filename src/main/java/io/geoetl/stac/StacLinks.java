package io.geoetl.stac;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.geoetl.http.support.HttpLinks;
import io.geoetl.jobs.Json;
import org.apache.camel.Message;

/**
 * Absolute links under /api/stac, on the base {@link HttpLinks} finds (geoetl.http.base-url, or
 * the request with its validated X-Forwarded-* headers), and the link objects STAC documents carry.
 */
final class StacLinks {
    static final String JSON = "application/json";
    static final String GEOJSON = "application/geo+json";
    private final String root;

    private StacLinks(String root) {
        this.root = root;
    }

    static StacLinks of(HttpLinks links, Message request) {
        return new StacLinks(links.href(request, "/api/stac"));
    }

    /** The STAC API root (…/api/stac). */
    String root() {
        return root;
    }

    String url(String path) {
        return root + path;
    }

    String collection(String id) {
        return root + "/collections/" + id;
    }

    String items(String collection) {
        return collection(collection) + "/items";
    }

    String item(String collection, String id) {
        return items(collection) + "/" + id;
    }

    static ObjectNode link(String rel, String href, String type) {
        ObjectNode link = Json.object().put("rel", rel).put("href", href);
        if (type != null) link.put("type", type);
        return link;
    }
}
