package io.geoetl.http.docs;

import io.geoetl.http.support.HttpReplies;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import org.apache.camel.Exchange;

/**
 * GET /api/docs: a page that reads /api/openapi.json in the browser and lists every operation
 * with its parameters. Self-contained (no script or style from elsewhere), read once from the classpath.
 */
public final class ApiDocsPage {
    private static final String RESOURCE = "/http/api-docs.html";
    private final String html;

    public ApiDocsPage() {
        try (InputStream in = ApiDocsPage.class.getResourceAsStream(RESOURCE)) {
            if (in == null) throw new IllegalStateException(RESOURCE + " is missing from the classpath");
            this.html = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public void page(Exchange exchange) {
        HttpReplies.text(exchange, 200, "text/html; charset=utf-8", html);
    }
}
