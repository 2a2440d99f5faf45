package io.geoetl.drop;

/**
 * A queue message that is not an Event Grid or CloudEvents 1.0 event (or names no blob): retrying
 * cannot help, so the route moves it to the poison queue instead of dropping it.
 */
public class MalformedEventException extends RuntimeException {
    public MalformedEventException(String message) {
        super(message);
    }
}
