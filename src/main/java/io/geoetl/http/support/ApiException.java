package io.geoetl.http.support;

import com.fasterxml.jackson.databind.JsonNode;

/** An HTTP error with a stable code and a message a person can act on. */
public class ApiException extends RuntimeException {
    private final int status;
    private final String code;
    private final JsonNode details;

    public ApiException(int status, String code, String message, JsonNode details) {
        super(message);
        this.status = status;
        this.code = code;
        this.details = details;
    }

    public ApiException(int status, String code, String message) {
        this(status, code, message, null);
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }

    public JsonNode details() {
        return details;
    }
}
