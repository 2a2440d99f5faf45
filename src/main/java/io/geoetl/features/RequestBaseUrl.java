package io.geoetl.features;

import java.net.URI;
import java.util.Optional;
import java.util.regex.Pattern;
import org.apache.camel.Exchange;
import org.apache.camel.Message;

/**
 * The scheme and authority clients used to reach this router ({@code http://host:port}), for
 * absolute links: X-Forwarded-Proto and X-Forwarded-Host when a proxy sets them, else the Host
 * header. Values that are not a plain scheme or host[:port] are ignored, so a header cannot
 * inject text into links. (Stands in for geoetl.http.base-url until the HTTP structure work has it.)
 */
final class RequestBaseUrl {
    private static final Pattern HOST = Pattern.compile("^[A-Za-z0-9.\\-]+(:[0-9]{1,5})?$|^\\[[0-9A-Fa-f:.]+\\](:[0-9]{1,5})?$");
    private static final Pattern SCHEME = Pattern.compile("^https?$");

    private RequestBaseUrl() {}

    static String of(Message in) {
        String scheme = first(in.getHeader("X-Forwarded-Proto", String.class));
        if (scheme == null || !SCHEME.matcher(scheme).matches()) scheme = requestUri(in).map(URI::getScheme).orElse("http");
        String host = first(in.getHeader("X-Forwarded-Host", String.class));
        if (host == null || !HOST.matcher(host).matches()) host = first(in.getHeader("Host", String.class));
        if (host == null || !HOST.matcher(host).matches()) host = requestUri(in).map(URI::getRawAuthority).orElse("127.0.0.1");
        return scheme + "://" + host;
    }

    /** A proxy chain sends comma-separated values; the first is the client's. */
    private static String first(String header) {
        if (header == null) return null;
        String value = header.split(",", 2)[0].trim();
        return value.isEmpty() ? null : value;
    }

    private static Optional<URI> requestUri(Message in) {
        try {
            return Optional.ofNullable(in.getHeader(Exchange.HTTP_URL, String.class)).map(URI::create);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
