package io.geoetl.jobs;

import java.util.Collection;

/** No job type of this name is registered. */
public class UnknownJobTypeException extends RuntimeException {
    public UnknownJobTypeException(String name, Collection<String> known) {
        super("unknown job type '" + name + "'; known types: " + String.join(", ", known));
    }
}
