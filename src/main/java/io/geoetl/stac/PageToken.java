package io.geoetl.stac;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.geoetl.http.support.ApiException;
import io.geoetl.jobs.Json;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * The opaque paging token: the sort values of the row a page starts after (next) or before
 * (prev), base64url-encoded JSON. Keyset paging: no OFFSET, and rows inserted between two
 * pages neither repeat nor push others out.
 */
record PageToken(boolean previous, List<String> keys) {
    static PageToken next(String keysJson) {
        return new PageToken(false, elements(keysJson));
    }

    static PageToken prev(String keysJson) {
        return new PageToken(true, elements(keysJson));
    }

    String encode() {
        ObjectNode token = Json.object();
        token.put("d", previous ? "prev" : "next");
        ArrayNode k = token.putArray("k");
        keys.forEach(key -> k.add(Json.parse(key)));
        return Base64.getUrlEncoder().withoutPadding().encodeToString(Json.write(token).getBytes(StandardCharsets.UTF_8));
    }

    static PageToken decode(String text) {
        if (text == null || text.isBlank()) return null;
        try {
            JsonNode token = Json.parse(new String(Base64.getUrlDecoder().decode(text.trim()), StandardCharsets.UTF_8));
            JsonNode keys = token.get("k");
            if (keys == null || !keys.isArray()) throw new IllegalArgumentException();
            List<String> values = new ArrayList<>();
            keys.forEach(k -> values.add(Json.write(k)));
            return new PageToken("prev".equals(token.path("d").asText()), values);
        } catch (RuntimeException e) {
            throw new ApiException(400, "invalid_token", "the token is not one this API issued; follow the next and prev links as given");
        }
    }

    private static List<String> elements(String keysJson) {
        List<String> values = new ArrayList<>();
        Json.parse(keysJson).forEach(k -> values.add(Json.write(k)));
        return values;
    }
}
