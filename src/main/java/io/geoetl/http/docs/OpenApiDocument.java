package io.geoetl.http.docs;

import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.openapi.RestOpenApiProcessor;
import org.apache.camel.spi.RestConfiguration;

/**
 * GET /api/openapi.json: the OpenAPI 3.0 document camel-openapi-java generates from every rest:
 * block (title, version and content type from camel.rest.apiProperties). Served by an ordinary
 * API route rather than camel.rest.apiContextPath, so it passes the same access guard and error
 * handling as every other read. Generated on the first request, when every route exists.
 */
public final class OpenApiDocument {
    private final CamelContext camel;
    private RestOpenApiProcessor generator;

    public OpenApiDocument(CamelContext camel) {
        this.camel = camel;
    }

    public void serve(Exchange exchange) throws Exception {
        generator().process(exchange);
    }

    private synchronized RestOpenApiProcessor generator() {
        if (generator == null) {
            RestConfiguration rest = camel.getRestConfiguration();
            RestOpenApiProcessor created = new RestOpenApiProcessor(rest.getApiProperties(), rest);
            created.setCamelContext(camel);
            created.start(); // it refuses to process unless started
            generator = created;
        }
        return generator;
    }
}
