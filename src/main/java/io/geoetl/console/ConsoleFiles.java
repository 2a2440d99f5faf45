package io.geoetl.console;

import io.geoetl.http.support.HttpReplies;
import io.geoetl.jobs.Json;
import java.io.InputStream;
import java.net.URL;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.apache.camel.Exchange;
import org.apache.camel.Message;

/**
 * GET /console/...: the web console's files, read from the classpath folder {@code console/} and
 * streamed (never held in memory). {@code /console/} is {@code index.html}, {@code /console} redirects
 * there. Only plain names of known types are served: a path with {@code ..}, a backslash, an encoded
 * character or an unknown extension is 404, so nothing outside the folder can be reached.
 */
public final class ConsoleFiles {
    static final String PREFIX = "/console";
    private static final String ROOT = "console/";
    private static final Pattern SAFE_PATH = Pattern.compile("^(?:[A-Za-z0-9_-][A-Za-z0-9._-]*/)*[A-Za-z0-9_-][A-Za-z0-9._-]*$");
    private static final Map<String, String> TYPES = Map.of(
            "html", "text/html; charset=utf-8",
            "js", "text/javascript; charset=utf-8",
            "css", "text/css; charset=utf-8",
            "svg", "image/svg+xml",
            "png", "image/png",
            "json", "application/json",
            "md", "text/plain; charset=utf-8",
            "txt", "text/plain; charset=utf-8");
    // the console's own files change with each release: always revalidated; vendored ones are pinned
    private static final String OWN_FILES = "no-cache";
    private static final String VENDORED_FILES = "public, max-age=86400";

    public void serve(Exchange exchange) {
        Message in = exchange.getIn();
        String path = requestPath(in);
        if (path.equals(PREFIX)) {
            HttpReplies.text(exchange, 301, "text/plain; charset=utf-8", "the console is at " + PREFIX + "/");
            exchange.getMessage().setHeader("Location", PREFIX + "/");
            return;
        }
        String name = path.substring(PREFIX.length() + 1);
        if (name.isEmpty()) name = "index.html";
        Optional<String> type = contentType(name);
        URL resource = type.isPresent() && SAFE_PATH.matcher(name).matches() && !name.contains("..")
                ? ConsoleFiles.class.getClassLoader().getResource(ROOT + name) : null;
        if (resource == null) {
            notFound(exchange, name);
            return;
        }
        try {
            InputStream body = resource.openStream();
            Message out = exchange.getMessage();
            out.removeHeaders("*");
            out.setHeader(Exchange.HTTP_RESPONSE_CODE, 200);
            out.setHeader(Exchange.CONTENT_TYPE, type.get());
            out.setHeader("Cache-Control", name.startsWith("vendor/") ? VENDORED_FILES : OWN_FILES);
            out.setHeader("X-Content-Type-Options", "nosniff");
            out.setBody(body);
        } catch (java.io.IOException e) {
            // a folder on the file system class path (console/pages) opens as a listing or fails: not a file
            notFound(exchange, name);
        }
    }

    /** The request's path without the query, as the client sent it (still percent-encoded). */
    private static String requestPath(Message in) {
        String uri = in.getHeader(Exchange.HTTP_URI, String.class);
        if (uri == null) uri = PREFIX + "/";
        int query = uri.indexOf('?');
        return query < 0 ? uri : uri.substring(0, query);
    }

    private static Optional<String> contentType(String name) {
        int dot = name.lastIndexOf('.');
        return dot < 0 ? Optional.empty() : Optional.ofNullable(TYPES.get(name.substring(dot + 1)));
    }

    private static void notFound(Exchange exchange, String name) {
        HttpReplies.json(exchange, 404, Json.object().put("code", "not_found")
                .put("message", "the console has no file '" + name + "'; open " + PREFIX + "/").set("details", Json.object()));
    }
}
