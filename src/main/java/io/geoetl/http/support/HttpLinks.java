package io.geoetl.http.support;

import java.net.URI;
import java.util.regex.Pattern;
import org.apache.camel.Exchange;
import org.apache.camel.Message;

/**
 * Absolute links for API replies (STAC, OGC API Features). With geoetl.http.base-url set, links
 * start with it; empty, they are built from the request: X-Forwarded-Proto, X-Forwarded-Host and
 * X-Forwarded-Prefix when a proxy sent them (first value of each), else the request's own scheme
 * and Host. Only set geoetl.http.base-url, or trust the forwarded headers, behind a proxy that
 * overwrites them.
 */
public final class HttpLinks {
    private static final Pattern HOST = Pattern.compile("^[A-Za-z0-9.\\-]+(:[0-9]{1,5})?$|^\\[[0-9A-Fa-f:.]+\\](:[0-9]{1,5})?$");
    private static final Pattern SCHEME = Pattern.compile("^https?$");
    private static final Pattern PREFIX = Pattern.compile("^/?([A-Za-z0-9._~-]+/?)*$");
    private final String baseUrl;

    /** {@code baseUrl}: e.g. https://geo.example.org (a trailing slash is dropped), or empty. */
    public HttpLinks(String baseUrl) {
        String trimmed = baseUrl == null ? "" : baseUrl.trim();
        this.baseUrl = trimmed.endsWith("/") ? trimmed.substring(0, trimmed.length() - 1) : trimmed;
        if (!this.baseUrl.isEmpty()) {
            URI uri = URI.create(this.baseUrl);
            if (uri.getScheme() == null || uri.getHost() == null) {
                throw new IllegalStateException("geoetl.http.base-url must be an absolute http(s) URL, not '" + baseUrl + "'");
            }
        }
    }

    /** The scheme, host and path prefix the client used, without a trailing slash. */
    public String base(Message request) {
        if (!baseUrl.isEmpty()) return baseUrl;
        URI requestUrl = URI.create(request.getHeader(Exchange.HTTP_URL, "http://localhost/", String.class));
        String scheme = first(request.getHeader("X-Forwarded-Proto", String.class));
        String host = first(request.getHeader("X-Forwarded-Host", String.class));
        String prefix = first(request.getHeader("X-Forwarded-Prefix", String.class));
        // a header that is not a plain scheme, host[:port] or path is ignored, so it cannot inject text into links
        if (scheme == null || !SCHEME.matcher(scheme).matches()) scheme = requestUrl.getScheme();
        if (host == null || !HOST.matcher(host).matches()) host = first(request.getHeader("Host", String.class));
        if (host == null || !HOST.matcher(host).matches()) host = requestUrl.getRawAuthority();
        if (prefix != null && !PREFIX.matcher(prefix).matches()) prefix = null;
        String path = prefix == null ? "" : (prefix.startsWith("/") ? prefix : "/" + prefix).replaceAll("/+$", "");
        return scheme + "://" + host + path;
    }

    /** An absolute link to {@code path} (starting with /, e.g. /api/stac/collections/x). */
    public String href(Message request, String path) {
        return base(request) + path;
    }

    private static String first(String header) {
        if (header == null) return null;
        String value = header.split(",")[0].trim();
        return value.isEmpty() ? null : value;
    }
}
