package io.geoetl.http;

import io.geoetl.http.support.ApiException;
import io.geoetl.http.support.HttpReplies;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.geoetl.jobs.ConflictException;
import io.geoetl.jobs.DatabaseFailure;
import io.geoetl.jobs.InvalidParametersException;
import io.geoetl.jobs.JobNotFoundException;
import io.geoetl.jobs.Json;
import io.geoetl.jobs.UnknownJobTypeException;
import java.util.UUID;
import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns any exception that reaches an API route into {@code {code, message, details}} JSON with
 * the status that fits. Used by the {@code api-errors} route configuration (routes/errors.yaml).
 */
public final class ApiErrors {
    private static final Logger LOG = LoggerFactory.getLogger(ApiErrors.class);
    /** details key of a 500: the same id is in the log line with the stack trace. */
    static final String ERROR_ID = "error_id";
    /** details key of a 503 busy: seconds to wait, also sent as the Retry-After header. */
    static final String RETRY_AFTER = "retry_after_seconds";

    public void render(Exchange exchange) {
        Throwable error = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        ApiException api = translate(error);
        if (api.status() >= 500 && !"busy".equals(api.code())) {
            LOG.error("{} {} failed{}", exchange.getIn().getHeader(Exchange.HTTP_METHOD), exchange.getIn().getHeader(Exchange.HTTP_PATH),
                    api.details() != null && api.details().has(ERROR_ID) ? " (error id " + api.details().get(ERROR_ID).asText() + ")" : "",
                    error);
        }
        HttpReplies.json(exchange, api.status(), body(api));
        if (api.details() != null && api.details().has(RETRY_AFTER)) {
            exchange.getMessage().setHeader("Retry-After", api.details().get(RETRY_AFTER).asInt());
        }
    }

    static ObjectNode body(ApiException api) {
        ObjectNode body = Json.object();
        body.put("code", api.code());
        body.put("message", api.getMessage());
        body.set("details", api.details() == null ? Json.object() : api.details());
        return body;
    }

    static ApiException translate(Throwable error) {
        if (error instanceof ApiException api) {
            return api;
        }
        if (error instanceof InvalidParametersException invalid) {
            ArrayNode problems = Json.array();
            invalid.problems().forEach(problems::add);
            ObjectNode details = Json.object();
            details.set("problems", problems);
            return new ApiException(400, "invalid_parameters",
                    invalid.problems().size() + " problem(s) with the parameters: " + invalid.getMessage(), details);
        }
        if (error instanceof UnknownJobTypeException) {
            return new ApiException(404, "unknown_job_type", error.getMessage());
        }
        if (error instanceof JobNotFoundException) {
            return new ApiException(404, "job_not_found", error.getMessage());
        }
        if (error instanceof ConflictException conflict) {
            return new ApiException(409, conflict.code(), conflict.getMessage());
        }
        if (DatabaseFailure.isUnavailable(error)) {
            return new ApiException(503, "database_unavailable", "the database did not answer; try again shortly");
        }
        String errorId = UUID.randomUUID().toString().substring(0, 8);
        ObjectNode details = Json.object();
        details.put(ERROR_ID, errorId);
        return new ApiException(500, "internal_error", "unexpected error (" + (error == null ? "unknown" : error.getClass().getSimpleName())
                + "); the router's log has the details under error id " + errorId, details);
    }
}
