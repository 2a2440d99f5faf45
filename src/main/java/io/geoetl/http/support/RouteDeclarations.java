package io.geoetl.http.support;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.model.Model;
import org.apache.camel.model.rest.RestDefinition;
import org.apache.camel.model.rest.SecurityDefinition;
import org.apache.camel.model.rest.VerbDefinition;

/**
 * What each REST verb of routes/*.yaml declares about itself, read from its {@code security}
 * entries (the OpenAPI security requirement of the operation):
 * <ul>
 *   <li>{@code scopes: read} on a POST (STAC search): the request only reads, so read credentials do;
 *       {@code scopes: write}: it changes something whatever its method;</li>
 *   <li>nothing: GET, HEAD and OPTIONS read, every other method writes (the safe default).</li>
 * </ul>
 * A verb is found by its id, which rest-dsl gives to the route that serves it (the direct route it
 * calls is inlined into it), so the verb's id and its direct route's id must be the same.
 */
public final class RouteDeclarations {
    public static final String SECURITY_KEY = "geoetl";
    private static final Set<String> READ_METHODS = Set.of("GET", "HEAD", "OPTIONS");
    private final CamelContext camel;
    private volatile Map<String, Boolean> writesByRoute;

    public RouteDeclarations(CamelContext camel) {
        this.camel = camel;
    }

    /** Whether the request on this exchange changes something (it then needs write credentials). */
    public boolean writes(Exchange exchange) {
        Boolean declared = declaredWrites().get(exchange.getFromRouteId());
        if (declared != null) return declared;
        String method = exchange.getIn().getHeader(Exchange.HTTP_METHOD, String.class);
        return method == null || !READ_METHODS.contains(method.toUpperCase(Locale.ROOT));
    }

    private Map<String, Boolean> declaredWrites() {
        Map<String, Boolean> known = writesByRoute;
        if (known == null) {
            known = readDeclarations();
            writesByRoute = known;
        }
        return known;
    }

    private Map<String, Boolean> readDeclarations() {
        Map<String, Boolean> declared = new HashMap<>();
        Model model = camel.getCamelContextExtension().getContextPlugin(Model.class);
        for (RestDefinition rest : model.getRestDefinitions()) {
            for (VerbDefinition verb : rest.getVerbs()) {
                Boolean writes = writes(verb.getSecurity());
                if (writes != null && verb.getId() != null) declared.put(verb.getId(), writes);
            }
        }
        return Map.copyOf(declared);
    }

    private static Boolean writes(List<SecurityDefinition> security) {
        if (security == null) return null;
        Boolean writes = null;
        for (SecurityDefinition requirement : security) {
            if (!SECURITY_KEY.equals(requirement.getKey()) || requirement.getScopes() == null) continue;
            for (String scope : requirement.getScopes().split(",")) {
                switch (scope.trim().toLowerCase(Locale.ROOT)) {
                    case "write" -> writes = true;
                    case "read" -> writes = writes == null ? Boolean.FALSE : writes;
                    default -> throw new IllegalStateException("security scope of " + SECURITY_KEY + " must be read or write, not '" + scope + "'");
                }
            }
        }
        return writes;
    }
}
