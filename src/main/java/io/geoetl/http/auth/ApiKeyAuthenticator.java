package io.geoetl.http.auth;

import io.geoetl.http.support.ApiException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.apache.camel.Message;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * API keys in the X-API-Key header (local profile). Keys come from secret settings as
 * comma-separated {@code name:key} entries (geoetl.auth.api-key may write,
 * geoetl.auth.reader.api-key may only read); the name, never the key, identifies the caller.
 */
public final class ApiKeyAuthenticator implements Authenticator {
    public static final String HEADER = "X-API-Key";
    private static final Logger LOG = LoggerFactory.getLogger(ApiKeyAuthenticator.class);
    private final Map<String, Caller> callers = new LinkedHashMap<>();

    public ApiKeyAuthenticator(String writerKeys, String readerKeys) {
        parse(writerKeys, true);
        parse(readerKeys, false);
        if (callers.values().stream().noneMatch(Caller::canWrite)) {
            LOG.warn("no API key may write (geoetl.auth.api-key / GEOETL_AUTH_API_KEY is empty): every mutating request is refused");
        }
    }

    @Override
    public Optional<Caller> authenticate(Message request) {
        String presented = request.getHeader(HEADER, String.class);
        if (presented == null || presented.isBlank()) return Optional.empty();
        byte[] given = presented.trim().getBytes(StandardCharsets.UTF_8);
        Caller match = null;
        for (Map.Entry<String, Caller> entry : callers.entrySet()) {
            // compare with every key, in constant time, so timing tells nothing about near misses
            if (MessageDigest.isEqual(given, entry.getKey().getBytes(StandardCharsets.UTF_8))) match = entry.getValue();
        }
        if (match == null) throw new ApiException(401, "unauthorized", "the API key in " + HEADER + " is not valid");
        return Optional.of(match);
    }

    @Override
    public String expects() {
        return "an API key in the " + HEADER + " header";
    }

    private void parse(String setting, boolean canWrite) {
        if (setting == null) return;
        int unnamed = 0;
        for (String entry : setting.split(",")) {
            String trimmed = entry.trim();
            if (trimmed.isEmpty()) continue;
            int colon = trimmed.indexOf(':');
            String name = colon > 0 ? trimmed.substring(0, colon) : (canWrite ? "key" : "read-key") + (++unnamed);
            String key = colon > 0 ? trimmed.substring(colon + 1) : trimmed;
            if (key.length() < 16) {
                throw new IllegalStateException("API key " + name + " is shorter than 16 characters; use a long random key");
            }
            callers.put(key, new Caller(name, canWrite));
        }
    }
}
