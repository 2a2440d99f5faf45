package io.geoetl.http.support;

import java.net.URI;
import java.util.Locale;
import java.util.Set;
import org.apache.camel.Exchange;
import org.apache.camel.Message;

/**
 * CORS for browser clients (geoetl.http.cors.allowed-origins, none by default). An origin listed
 * by name may read and write (writes still need write credentials); {@code *} lets any origin
 * read, never write: a write from an origin not listed by name is refused (403), so a page on any
 * site cannot make a visitor's browser change something. Pages the router serves itself (the
 * console at /console/: the Origin's host and port are the request's Host) are not cross-origin and
 * may write without being listed. Preflight requests (OPTIONS) get 204 with
 * what the origin may do, or no CORS header at all. Headers set here survive {@link HttpReplies}.
 */
public final class CorsPolicy {
    private static final String REQUEST_HEADERS = "Content-Type, Authorization, X-API-Key";
    private final Set<String> listed;
    private final boolean anyMayRead;
    private final RouteDeclarations routes;

    public CorsPolicy(Set<String> allowedOrigins, RouteDeclarations routes) {
        this.anyMayRead = allowedOrigins.contains("*");
        this.listed = allowedOrigins.stream().filter(o -> !o.equals("*")).map(CorsPolicy::normalise).collect(java.util.stream.Collectors.toUnmodifiableSet());
        this.routes = routes;
    }

    /** Before an API request: refuses a write from an origin not listed by name, else adds the CORS headers. */
    public void apply(Exchange exchange) {
        Message in = exchange.getIn();
        String origin = in.getHeader("Origin", String.class);
        if (origin == null || sameOrigin(origin, in.getHeader("Host", String.class))) return;
        boolean named = listed.contains(normalise(origin));
        if (routes.writes(exchange)) {
            if (!named) {
                throw new ApiException(403, "origin_not_allowed", "requests that change something are not accepted from pages on "
                        + origin + "; list the origin in geoetl.http.cors.allowed-origins");
            }
            allow(in, origin);
        } else if (named) {
            allow(in, origin);
        } else if (anyMayRead) {
            in.setHeader("Access-Control-Allow-Origin", "*");
        }
    }

    /**
     * Before a reply is written: removes every header of {@code message} but the CORS response
     * headers {@link #apply} set (Access-Control-*, Vary). A plain loop: Camel's removeHeaders
     * with patterns compiles a regular expression per header and pattern on every call.
     */
    public static void keepOnlyResponseHeaders(Message message) {
        message.getHeaders().keySet().removeIf(name -> !isResponseHeader(name));
    }

    private static boolean isResponseHeader(String name) {
        return name.regionMatches(true, 0, "Access-Control-", 0, "Access-Control-".length()) || name.equalsIgnoreCase("Vary");
    }

    /** OPTIONS preflight: 204, with the methods and headers the origin may use when it may use any. */
    public void preflight(Exchange exchange) {
        Message in = exchange.getIn();
        String origin = in.getHeader("Origin", String.class);
        boolean named = origin != null && listed.contains(normalise(origin));
        String methods = named ? "GET, HEAD, POST, PUT, PATCH, DELETE" : anyMayRead && origin != null ? "GET, HEAD, POST" : null;
        in.removeHeaders("*");
        in.setHeader(Exchange.HTTP_RESPONSE_CODE, 204);
        if (methods != null) {
            if (named) allow(in, origin);
            else in.setHeader("Access-Control-Allow-Origin", "*");
            in.setHeader("Access-Control-Allow-Methods", methods);
            in.setHeader("Access-Control-Allow-Headers", REQUEST_HEADERS);
            in.setHeader("Access-Control-Max-Age", "600");
        }
        in.setBody(null);
    }

    /**
     * Whether the page that sent the request was served by this router: its origin's host and port
     * are the request's Host. A browser sets both and no page can change either, so another site's
     * page cannot pass (behind a TLS proxy the scheme differs, so only host and port are compared).
     */
    static boolean sameOrigin(String origin, String host) {
        if (host == null || host.isBlank()) return false;
        try {
            URI uri = URI.create(origin.trim());
            if (uri.getHost() == null) return false;
            String authority = uri.getPort() == -1 ? uri.getHost() : uri.getHost() + ":" + uri.getPort();
            String bareHost = host.trim().toLowerCase(Locale.ROOT);
            String defaultPort = "https".equalsIgnoreCase(uri.getScheme()) ? ":443" : ":80";
            return authority.toLowerCase(Locale.ROOT).equals(bareHost.endsWith(defaultPort)
                    ? bareHost.substring(0, bareHost.length() - defaultPort.length()) : bareHost);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static void allow(Message in, String origin) {
        in.setHeader("Access-Control-Allow-Origin", origin);
        in.setHeader("Vary", "Origin");
    }

    private static String normalise(String origin) {
        String trimmed = origin.trim().toLowerCase(Locale.ROOT);
        return trimmed.endsWith("/") ? trimmed.substring(0, trimmed.length() - 1) : trimmed;
    }
}
