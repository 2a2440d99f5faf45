package io.geoetl.jobs;

/** The request is valid but clashes with what exists now (HTTP 409). */
public class ConflictException extends RuntimeException {
    private final String code;

    public ConflictException(String code, String message) {
        super(message);
        this.code = code;
    }

    public String code() {
        return code;
    }
}
