package io.geoetl.jobs;

import java.util.List;

/** Submission refused: every problem found in the parameters, one sentence each. */
public class InvalidParametersException extends RuntimeException {
    private final List<String> problems;

    public InvalidParametersException(List<String> problems) {
        super(String.join("; ", problems));
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }
}
