package io.geoetl.stac;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.geoetl.http.support.ApiException;
import io.geoetl.jobs.Json;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import org.apache.camel.Exchange;
import org.apache.camel.Message;

/** Request bodies read as JSON within a size limit: 415 for another media type, 413 over the limit, 400 malformed. */
final class RequestBodies {
    private RequestBodies() {}

    /** The body as a stream that fails with 413 once it passes {@code maxBytes} ({@code setting} names the limit). */
    static InputStream limited(Message in, long maxBytes, String setting) {
        String contentType = in.getHeader(Exchange.CONTENT_TYPE, String.class);
        if (contentType != null && !contentType.isBlank() && !contentType.toLowerCase().contains("json")) {
            throw new ApiException(415, "unsupported_media_type", "send JSON (application/json or application/geo+json), not " + contentType);
        }
        Long declared = in.getHeader(Exchange.CONTENT_LENGTH, Long.class);
        if (declared != null && declared > maxBytes) throw tooLarge(declared, maxBytes, setting);
        InputStream body = in.getBody(InputStream.class);
        if (body == null) body = InputStream.nullInputStream();
        return new Limited(body, maxBytes, setting);
    }

    /** A whole (small) JSON document. */
    static JsonNode json(Message in, long maxBytes, String setting) {
        try (InputStream body = limited(in, maxBytes, setting)) {
            JsonNode node = Json.MAPPER.readTree(body);
            if (node == null || node.isMissingNode()) throw new ApiException(400, "invalid_body", "the request body is empty; send a JSON document");
            return node;
        } catch (JsonProcessingException e) {
            throw malformed(e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static ApiException malformed(JsonProcessingException e) {
        return new ApiException(400, "malformed_json", "the request body is not valid JSON: " + e.getOriginalMessage()
                + " (line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ")");
    }

    private static ApiException tooLarge(long size, long maxBytes, String setting) {
        return new ApiException(413, "body_too_large", "the request body has " + (size > maxBytes ? "more than " + maxBytes : size)
                + " bytes; the limit here is " + maxBytes + " (" + setting + ")");
    }

    /** Counts what is read and stops with 413 past the limit. */
    private static final class Limited extends FilterInputStream {
        private final long maxBytes;
        private final String setting;
        private long read;

        Limited(InputStream in, long maxBytes, String setting) {
            super(in);
            this.maxBytes = maxBytes;
            this.setting = setting;
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
            if (read > maxBytes) throw tooLarge(read, maxBytes, setting);
        }
    }
}
