package io.geoetl.http.support;

import io.geoetl.jobs.Json;
import org.apache.camel.Exchange;
import org.apache.camel.Message;

/** Writes a JSON reply with its status code on a Camel exchange. */
public final class HttpReplies {
    private HttpReplies() {}

    public static void json(Exchange exchange, int status, Object body) {
        Message out = exchange.getMessage();
        out.removeHeaders("*");
        out.setHeader(Exchange.HTTP_RESPONSE_CODE, status);
        out.setHeader(Exchange.CONTENT_TYPE, "application/json");
        out.setBody(Json.write(body));
    }

    public static void text(Exchange exchange, int status, String contentType, String body) {
        Message out = exchange.getMessage();
        out.removeHeaders("*");
        out.setHeader(Exchange.HTTP_RESPONSE_CODE, status);
        out.setHeader(Exchange.CONTENT_TYPE, contentType);
        out.setBody(body);
    }
}
