package io.geoetl.http.support;

import io.geoetl.jobs.Json;
import org.apache.camel.Exchange;
import org.apache.camel.Message;

/**
 * Writes a reply with its status code on a Camel exchange. Large bodies: {@link StreamedReplies}.
 */
public final class HttpReplies {
    private HttpReplies() {}

    public static void json(Exchange exchange, int status, Object body) {
        json(exchange, status, "application/json", body);
    }

    /** JSON under another media type, e.g. application/geo+json or application/schema+json. */
    public static void json(Exchange exchange, int status, String contentType, Object body) {
        text(exchange, status, contentType, Json.write(body));
    }

    public static void text(Exchange exchange, int status, String contentType, String body) {
        Message out = exchange.getMessage();
        CorsPolicy.keepOnlyResponseHeaders(out);
        out.setHeader(Exchange.HTTP_RESPONSE_CODE, status);
        out.setHeader(Exchange.CONTENT_TYPE, contentType);
        out.setBody(body);
    }
}
