package io.geoetl.http.support;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.geoetl.jobs.Json;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.apache.camel.CamelContext;
import org.apache.camel.Endpoint;
import org.apache.camel.Exchange;
import org.apache.camel.Route;
import org.apache.camel.Message;
import org.apache.camel.StreamCache;
import org.apache.camel.component.platform.http.PlatformHttpEndpoint;
import org.apache.camel.component.rest.RestEndpoint;

/**
 * How large a request body each HTTP route takes: geoetl.http.max-body-bytes, or the route's own
 * limit from geoetl.http.body-limits (route id: bytes). {@link EarlyBodyLimit} refuses a declared
 * Content-Length above it before the body is read; {@link #check} refuses a chunked body above it
 * once read (the server's own cap, camel.server.maxBodySize, is the largest route limit). Routes
 * read JSON bodies through {@link #json} (a whole small document) or {@link #jsonStream} (counted
 * while read: 413 as soon as the limit is passed; on a {@code useBodyHandler=false} route straight
 * from the socket, see {@link RequestBodyStream}).
 */
public final class BodyLimits {
    private static final String SOCKET_BODY = "geoetl.socketBody";
    private final long defaultLimit;
    private final Map<String, Long> limitByRoute;
    private final long smallest;
    private final Duration stall;
    private volatile List<RouteLimit> routes;

    /** {@code stall}: how long a streamed body may send nothing before the request gets 408. */
    public BodyLimits(long defaultLimit, Map<String, Long> limitByRoute, Duration stall) {
        this.defaultLimit = defaultLimit;
        this.limitByRoute = Map.copyOf(limitByRoute);
        this.smallest = Math.min(defaultLimit, limitByRoute.values().stream().mapToLong(Long::longValue).min().orElse(defaultLimit));
        this.stall = stall;
    }

    /** The largest limit of any route: what the server itself must accept. */
    public long largest() {
        return limitByRoute.values().stream().mapToLong(Long::longValue).max().orElse(defaultLimit);
    }

    /** The smallest limit of any route: a body of at most this size fits every route. */
    public long smallest() {
        return smallest;
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
        long limit = limitOf(exchange);
        if (size > limit) throw tooLarge(size, limit);
    }

    /**
     * The JSON body as a stream, counted while read: 415 for another media type, 413 for a
     * declared length above the route's limit or as soon as more than that has been read.
     */
    public InputStream jsonStream(Exchange exchange) {
        Message in = exchange.getIn();
        String contentType = in.getHeader(Exchange.CONTENT_TYPE, String.class);
        if (contentType != null && !contentType.isBlank() && !contentType.toLowerCase(Locale.ROOT).contains("json")) {
            throw new ApiException(415, "unsupported_media_type", "send JSON (application/json or application/geo+json), not " + contentType);
        }
        long limit = limitOf(exchange);
        Long declared = in.getHeader(Exchange.CONTENT_LENGTH, Long.class);
        if (declared != null && declared > limit) throw tooLarge(declared, limit);
        InputStream body;
        // useBodyHandler=false: platform-http-vertx hands over the paused request as the body
        if (in.getBody() instanceof HttpServerRequest request) {
            RequestBodyStream socket = new RequestBodyStream(request, stall, limit);
            exchange.setProperty(SOCKET_BODY, socket);
            body = socket;
        } else {
            body = in.getBody(InputStream.class);
        }
        return new Counted(body == null ? InputStream.nullInputStream() : body, limit);
    }

    /**
     * Before an error reply on a route that reads its body from the socket: reads and discards
     * what is left of the body (routes/errors.yaml), so the client, still sending, gets to read
     * the reply and its connection stays usable. A 401 or 404 is decided before the body is read.
     */
    public void drainUnread(Exchange exchange) {
        RequestBodyStream socket = exchange.getProperty(SOCKET_BODY, RequestBodyStream.class);
        if (socket == null && exchange.getIn().getBody() instanceof HttpServerRequest request && !request.isEnded()) {
            socket = new RequestBodyStream(request, stall, limitOf(exchange));
        }
        if (socket != null) socket.close();
    }

    /** A whole (small) JSON document: 400 when empty or malformed, besides the checks of {@link #jsonStream}. */
    public JsonNode json(Exchange exchange) {
        try (InputStream body = jsonStream(exchange)) {
            JsonNode node = Json.MAPPER.readTree(body);
            if (node == null || node.isMissingNode()) throw new ApiException(400, "invalid_body", "the request body is empty; send a JSON document");
            return node;
        } catch (JsonProcessingException e) {
            throw malformed(e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** 400 naming where the body stopped being JSON. */
    public static ApiException malformed(JsonProcessingException e) {
        return new ApiException(400, "malformed_json", "the request body is not valid JSON: " + e.getOriginalMessage()
                + " (line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ")");
    }

    private long limitOf(Exchange exchange) {
        return limitByRoute.getOrDefault(exchange.getFromRouteId(), defaultLimit);
    }

    static ApiException tooLarge(long size, long limit) {
        return new ApiException(413, "body_too_large", "the request body has " + (size > limit ? "more than " + limit : size)
                + " bytes; this endpoint takes at most " + limit + " (geoetl.http.max-body-bytes, or the route's entry in geoetl.http.body-limits)",
                Json.object().put("limit", limit));
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

    /** {@code methods}: upper-case, empty for any method. */
    private record RouteLimit(Set<String> methods, Pattern path, long limit) {
        RouteLimit(String methods, Pattern path, long limit) {
            this(methods == null || methods.isBlank() ? Set.of() : Set.of(methods.toUpperCase(Locale.ROOT).split(",")), path, limit);
        }

        boolean matches(String method, String requestPath) {
            return (methods.isEmpty() || methods.contains(method.toUpperCase(Locale.ROOT))) && path.matcher(requestPath).matches();
        }
    }

    /** Counts what is read and stops with 413 as soon as the limit is passed. */
    private static final class Counted extends FilterInputStream {
        private final long limit;
        private long read;

        Counted(InputStream in, long limit) {
            super(in);
            this.limit = limit;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) count(1);
            return b;
        }

        @Override
        public int read(byte[] bytes, int offset, int length) throws IOException {
            int n = super.read(bytes, offset, length);
            if (n > 0) count(n);
            return n;
        }

        private void count(int n) {
            read += n;
            if (read > limit) throw tooLarge(read, limit);
        }
    }
}
