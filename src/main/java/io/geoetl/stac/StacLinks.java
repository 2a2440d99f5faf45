package io.geoetl.stac;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.geoetl.jobs.Json;
import java.net.URI;
import org.apache.camel.Exchange;
import org.apache.camel.Message;

/**
 * Absolute links under /api/stac: from geoetl.http.base-url when set, else from the request
 * (X-Forwarded-Proto and X-Forwarded-Host first, then the URL the request was sent to).
 */
final class StacLinks {
    static final String JSON = "application/json";
    static final String GEOJSON = "application/geo+json";
    private final String root;

    private StacLinks(String root) {
        this.root = root;
    }

    static StacLinks of(Message request, String baseUrl) {
        String base = baseUrl;
        if (base == null || base.isBlank()) {
            String sentTo = request.getHeader(Exchange.HTTP_URL, String.class);
            URI url = URI.create(sentTo == null ? "http://127.0.0.1" : sentTo);
            String proto = first(request.getHeader("X-Forwarded-Proto", String.class));
            String host = first(request.getHeader("X-Forwarded-Host", String.class));
            base = (proto == null ? url.getScheme() : proto) + "://" + (host == null ? url.getRawAuthority() : host);
        }
        return new StacLinks(trimSlash(base) + "/api/stac");
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

    private static String first(String header) {
        if (header == null || header.isBlank()) return null;
        return header.split(",")[0].trim();
    }

    private static String trimSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
