package io.geoetl.http;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.geoetl.http.support.ApiException;
import io.geoetl.http.support.HttpReplies;
import io.geoetl.http.support.Queries;
import io.geoetl.jobs.Json;
import io.geoetl.storage.BlobPicker;
import org.apache.camel.Exchange;
import org.apache.camel.Message;

/** GET /api/storage/blobs: the bronze container's blobs, paged, for the console's file picker. */
public final class StorageApi {
    private static final int MAX_PREFIX = 1024; // Azure's longest blob name
    private static final int MAX_MARKER = 4096;
    private final BlobPicker picker;

    public StorageApi(BlobPicker picker) {
        this.picker = picker;
    }

    /** ?prefix=&limit=&after=: names, sizes, ETags and last changes in name order; {@code next} resumes. */
    public void blobs(Exchange exchange) {
        Message in = exchange.getIn();
        String prefix = prefix(in.getHeader("prefix", String.class));
        int limit = Queries.integer(in, "limit", 100, 1, 1000);
        String after = marker(in.getHeader("after", String.class));
        BlobPicker.Page page = picker.page(prefix, limit, after);
        ObjectNode body = Json.object();
        body.put("container", picker.container());
        body.put("prefix", prefix);
        ArrayNode blobs = body.putArray("blobs");
        for (BlobPicker.Entry entry : page.blobs()) {
            blobs.addObject().put("name", entry.name()).put("size", entry.size()).put("etag", entry.etag())
                    .put("last_modified", entry.lastModified().toString());
        }
        body.put("next", page.next());
        HttpReplies.json(exchange, 200, body);
    }

    private static String prefix(String text) {
        if (text == null) return "";
        if (text.length() > MAX_PREFIX || text.chars().anyMatch(Character::isISOControl) || text.startsWith("/")) {
            throw new ApiException(400, "invalid_query", "prefix must be the start of a blob name: at most " + MAX_PREFIX
                    + " characters, no control characters, not starting with /");
        }
        return text;
    }

    private static String marker(String text) {
        if (text == null || text.isEmpty()) return null;
        if (text.length() > MAX_MARKER || !text.chars().allMatch(c -> c > 0x20 && c < 0x7f)) {
            throw new ApiException(400, "invalid_query", "after must be the next value of a previous page, as it was returned");
        }
        return text;
    }
}
