package io.geoetl.jobs;

/**
 * The input itself is wrong (corrupt file, missing CRS, unknown layer…): retrying cannot help,
 * so the task and its job fail at once with this message, which must tell the user what to fix.
 */
public class BadInputException extends RuntimeException {
    public BadInputException(String message) {
        super(message);
    }

    public BadInputException(String message, Throwable cause) {
        super(message, cause);
    }
}
