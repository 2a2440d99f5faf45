package io.geoetl.drop;

import com.fasterxml.jackson.databind.JsonNode;
import io.geoetl.jobs.Json;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the body of one storage-queue message written by an Event Grid subscription: the Event
 * Grid schema or the CloudEvents 1.0 schema, as plain JSON or base64-encoded JSON, one event or an
 * array of them. Returns the BlobCreated events for the watched container; other event types,
 * other containers and ADLS "CreateFile" events (the file is empty until its FlushWithClose event)
 * are skipped and logged at debug. Anything that is not an event is a {@link MalformedEventException}.
 */
public final class BlobCreatedEventParser {
    static final String BLOB_CREATED = "Microsoft.Storage.BlobCreated";
    private static final Logger LOG = LoggerFactory.getLogger(BlobCreatedEventParser.class);
    private static final String SUBJECT_PREFIX = "/blobServices/default/containers/";
    private final String container;

    public BlobCreatedEventParser(String container) {
        this.container = container;
    }

    public List<BlobCreated> parse(String body) {
        JsonNode document = readDocument(body);
        List<BlobCreated> created = new ArrayList<>();
        if (document.isArray()) {
            document.forEach(event -> parseEvent(event).ifPresent(created::add));
        } else {
            parseEvent(document).ifPresent(created::add);
        }
        return created;
    }

    private Optional<BlobCreated> parseEvent(JsonNode event) {
        if (!event.isObject()) {
            throw new MalformedEventException("an event must be a JSON object, got " + event.getNodeType());
        }
        String type = event.has("specversion") ? event.path("type").asText("") : event.path("eventType").asText("");
        if (type.isEmpty()) {
            throw new MalformedEventException("not an Event Grid event (no eventType) nor a CloudEvents 1.0 event (no specversion/type): "
                    + abbreviate(event.toString()));
        }
        String id = event.path("id").asText("");
        if (!type.equals(BLOB_CREATED)) {
            LOG.debug("event {}: {} ignored, only {} starts jobs", id, type, BLOB_CREATED);
            return Optional.empty();
        }
        JsonNode data = event.path("data");
        if (!data.isObject()) {
            throw new MalformedEventException("BlobCreated event " + id + " has no data object");
        }
        if ("CreateFile".equals(data.path("api").asText())) {
            LOG.debug("event {}: CreateFile ignored, the file is complete at its FlushWithClose event", id);
            return Optional.empty();
        }
        BlobLocation location = BlobLocation.fromUrl(data.path("url").asText(""))
                .or(() -> BlobLocation.fromSubject(event.path("subject").asText("")))
                .orElseThrow(() -> new MalformedEventException("BlobCreated event " + id + " names no blob: data.url \""
                        + data.path("url").asText("") + "\", subject \"" + event.path("subject").asText("") + "\""));
        if (!location.container().equals(container)) {
            LOG.debug("event {}: {}/{} ignored, only container {} is watched", id, location.container(), location.blobName(), container);
            return Optional.empty();
        }
        return Optional.of(new BlobCreated(location.container(), location.blobName(), data.path("eTag").asText(""), id));
    }

    /** Plain JSON, or base64 of JSON (Event Grid's default encoding on storage queues). */
    private static JsonNode readDocument(String body) {
        String text = body == null ? "" : body.trim();
        if (!looksLikeJson(text)) {
            try {
                text = new String(Base64.getMimeDecoder().decode(text), StandardCharsets.UTF_8).trim();
            } catch (IllegalArgumentException e) {
                throw new MalformedEventException("message is neither JSON nor base64-encoded JSON: " + abbreviate(body));
            }
            if (!looksLikeJson(text)) {
                throw new MalformedEventException("message is neither JSON nor base64-encoded JSON: " + abbreviate(body));
            }
        }
        try {
            return Json.MAPPER.readTree(text);
        } catch (Exception e) {
            throw new MalformedEventException("message is not valid JSON: " + abbreviate(text));
        }
    }

    private static boolean looksLikeJson(String text) {
        return text.startsWith("{") || text.startsWith("[");
    }

    private static String abbreviate(String text) {
        if (text == null || text.isEmpty()) return "<empty>";
        return text.length() <= 300 ? text : text.substring(0, 300) + "…";
    }

    /** Container and blob name, from a blob URL or an event subject. */
    record BlobLocation(String container, String blobName) {

        /**
         * https://acct.blob.core.windows.net/container/dir/x.geojson (also .dfs. and private-link
         * hosts) or the path style of emulators and IP addresses,
         * http://127.0.0.1:10000/acct/container/x.geojson, whose first segment is the account.
         * Percent-escapes in the path are decoded.
         */
        static Optional<BlobLocation> fromUrl(String url) {
            if (url.isBlank()) return Optional.empty();
            URI uri;
            try {
                uri = new URI(url);
            } catch (URISyntaxException e) {
                return Optional.empty();
            }
            String host = uri.getHost() == null ? "" : uri.getHost().toLowerCase();
            String path = uri.getPath() == null ? "" : uri.getPath().replaceFirst("^/+", "");
            boolean accountInHost = host.contains(".blob.") || host.contains(".dfs.");
            if (!accountInHost) {
                int slash = path.indexOf('/');
                path = slash < 0 ? "" : path.substring(slash + 1);
            }
            return split(path);
        }

        /** /blobServices/default/containers/{container}/blobs/{blob name}. */
        static Optional<BlobLocation> fromSubject(String subject) {
            if (!subject.startsWith(SUBJECT_PREFIX)) return Optional.empty();
            String rest = subject.substring(SUBJECT_PREFIX.length());
            int marker = rest.indexOf("/blobs/");
            if (marker <= 0) return Optional.empty();
            String blobName = rest.substring(marker + "/blobs/".length());
            return blobName.isEmpty() ? Optional.empty() : Optional.of(new BlobLocation(rest.substring(0, marker), blobName));
        }

        private static Optional<BlobLocation> split(String path) {
            int slash = path.indexOf('/');
            if (slash <= 0 || slash == path.length() - 1) return Optional.empty();
            return Optional.of(new BlobLocation(path.substring(0, slash), path.substring(slash + 1)));
        }
    }
}
