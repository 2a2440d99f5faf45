package io.geoetl.http;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.geoetl.http.support.ApiException;
import io.geoetl.http.support.HttpReplies;
import io.geoetl.jobs.JobType;
import io.geoetl.jobs.JobTypeRegistry;
import io.geoetl.jobs.Json;
import org.apache.camel.Exchange;

/**
 * GET /api/job-types and /api/job-types/{job_type}: every submittable job type with its stages
 * and its parameters as JSON Schema, taken from the declaration that validates submissions.
 */
public final class JobTypesApi {
    private final JobTypeRegistry registry;

    public JobTypesApi(JobTypeRegistry registry) {
        this.registry = registry;
    }

    public void list(Exchange exchange) {
        ObjectNode body = Json.object();
        ArrayNode types = body.putArray("job_types");
        registry.submittable().forEach(type -> types.add(describe(type)));
        HttpReplies.json(exchange, 200, body);
    }

    public void get(Exchange exchange) {
        String name = exchange.getIn().getHeader("job_type", String.class);
        JobType type = registry.find(name).filter(found -> !found.internal())
                .orElseThrow(() -> new ApiException(404, "unknown_job_type", "no submittable job type " + name));
        HttpReplies.json(exchange, 200, describe(type));
    }

    private static ObjectNode describe(JobType type) {
        ObjectNode body = Json.object().put("name", type.name()).put("description", type.description());
        type.stageNames().forEach(body.putArray("stages")::add);
        ObjectNode schema = type.parameters().jsonSchema();
        schema.put("$schema", "https://json-schema.org/draft/2020-12/schema");
        schema.put("title", type.name() + " parameters");
        body.set("parameters", schema);
        body.put("submit", "/api/jobs/submit/" + type.name());
        return body;
    }
}
