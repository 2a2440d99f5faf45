package io.geoetl.http.support;

import io.vertx.core.buffer.Buffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.apache.camel.CamelContext;
import org.apache.camel.Endpoint;
import org.apache.camel.Exchange;
import org.apache.camel.Route;
import org.apache.camel.StreamCache;
import org.apache.camel.component.platform.http.PlatformHttpEndpoint;
import org.apache.camel.component.rest.RestEndpoint;

/**
 * How large a request body each HTTP route takes: geoetl.http.max-body-bytes, or the route's own
 * limit from geoetl.http.body-limits (route id: bytes). {@link EarlyBodyLimit} refuses a declared
 * Content-Length above it before the body is read; {@link #check} refuses a chunked body above it
 * once read (the server's own cap, camel.server.maxBodySize, is the largest route limit).
 */
public final class BodyLimits {
    private final long defaultLimit;
    private final Map<String, Long> limitByRoute;
    private volatile List<RouteLimit> routes;

    public BodyLimits(long defaultLimit, Map<String, Long> limitByRoute) {
        this.defaultLimit = defaultLimit;
        this.limitByRoute = Map.copyOf(limitByRoute);
    }

    /** The largest limit of any route: what the server itself must accept. */
    public long largest() {
        return limitByRoute.values().stream().mapToLong(Long::longValue).max().orElse(defaultLimit);
    }

    /** The limit of the route that serves {@code method path}. */
    public long limitFor(String method, String path) {
        for (RouteLimit route : routes()) {
            if (route.matches(method, path)) return route.limit();
        }
        return defaultLimit;
    }

    /** 413 when a body that was read whole (a chunked request has no Content-Length) is larger than its route takes. */
    public void check(Exchange exchange) {
        Object body = exchange.getIn().getBody();
        long size = body instanceof StreamCache cached ? cached.length() : body instanceof Buffer buffer ? buffer.length()
                : body instanceof byte[] bytes ? bytes.length : -1; // a live stream is the route's own to count
        long limit = limitByRoute.getOrDefault(exchange.getFromRouteId(), defaultLimit);
        if (size > limit) throw tooLarge(size, limit);
    }

    static ApiException tooLarge(long size, long limit) {
        return new ApiException(413, "body_too_large", "the request body has " + size + " bytes; this endpoint takes at most " + limit);
    }

    private List<RouteLimit> routes() {
        List<RouteLimit> known = routes;
        return known != null ? known : List.of();
    }

    /** Reads the HTTP routes once Camel has created them (rest-dsl verbs and plain platform-http routes). */
    void learnRoutes(CamelContext camel) {
        List<RouteLimit> found = new ArrayList<>();
        for (Route route : camel.getRoutes()) {
            Endpoint endpoint = route.getEndpoint();
            long limit = limitByRoute.getOrDefault(route.getRouteId(), defaultLimit);
            if (endpoint instanceof RestEndpoint rest) {
                String template = rest.getUriTemplate() == null ? "" : rest.getUriTemplate();
                found.add(new RouteLimit(rest.getMethod(), template(rest.getPath() + template), limit));
            } else if (endpoint instanceof PlatformHttpEndpoint http) {
                found.add(new RouteLimit(http.getHttpMethodRestrict(), template(http.getPath()), limit));
            }
        }
        routes = List.copyOf(found);
    }

    /** /api/jobs/{job_id}/retry → ^/api/jobs/[^/]+/retry$ */
    private static Pattern template(String path) {
        StringBuilder regex = new StringBuilder("^");
        for (String part : path.split("(?=\\{)|(?<=\\})")) {
            regex.append(part.startsWith("{") ? "[^/]+" : Pattern.quote(part));
        }
        return Pattern.compile(regex.append("/?$").toString());
    }

    private record RouteLimit(String methods, Pattern path, long limit) {
        boolean matches(String method, String requestPath) {
            boolean methodFits = methods == null || methods.isBlank()
                    || List.of(methods.toUpperCase(Locale.ROOT).split(",")).contains(method.toUpperCase(Locale.ROOT));
            return methodFits && path.matcher(requestPath).matches();
        }
    }
}
