package io.geoetl.raster;

import com.fasterxml.jackson.databind.node.ArrayNode;
import io.geoetl.jobs.BadInputException;
import io.geoetl.jobs.Json;

/** The checks of the validate stage, each recorded with its outcome (passed, warning, info) for the task result; a failure is bad input. */
final class Checks {
    private final String source;
    private final ArrayNode recorded = Json.array();
    private final ArrayNode warnings = Json.array();

    Checks(String source) {
        this.source = source;
    }

    void passed(String check, String detail) {
        record(check, "passed", detail);
    }

    void info(String check, String detail) {
        record(check, "info", detail);
    }

    void warning(String check, String detail) {
        record(check, "warning", detail);
        warnings.add(check + ": " + detail);
    }

    /** Fails the job: the message names the source, the check and what was wrong. */
    BadInputException failed(String check, String problem) {
        return new BadInputException(source + ": " + problem + " (check " + check + ")");
    }

    ArrayNode recorded() {
        return recorded;
    }

    ArrayNode warnings() {
        return warnings;
    }

    private void record(String check, String outcome, String detail) {
        recorded.addObject().put("check", check).put("outcome", outcome).put("detail", detail);
    }
}
