package io.geoetl.http.support;

import java.util.HashMap;
import java.util.HashSet;
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
 *   <li>{@code scopes: public} on a GET: anyone may read it even when reads need credentials
 *       (the health probes, which orchestrators call without a key, and the console's settings,
 *       which it needs before it can sign in);</li>
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
    private volatile Set<String> publicRoutes;

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

    /** Whether the route of this exchange is declared public: no credentials needed to read it. */
    public boolean isPublic(Exchange exchange) {
        declaredWrites();
        return publicRoutes.contains(exchange.getFromRouteId());
    }

    private Map<String, Boolean> declaredWrites() {
        Map<String, Boolean> known = writesByRoute;
        if (known == null) {
            readDeclarations();
            known = writesByRoute;
        }
        return known;
    }

    private synchronized void readDeclarations() {
        if (writesByRoute != null) return;
        Map<String, Boolean> declared = new HashMap<>();
        Set<String> open = new HashSet<>();
        Model model = camel.getCamelContextExtension().getContextPlugin(Model.class);
        for (RestDefinition rest : model.getRestDefinitions()) {
            for (VerbDefinition verb : rest.getVerbs()) {
                if (verb.getId() == null) continue;
                Boolean writes = writes(verb.getSecurity());
                if (writes != null) declared.put(verb.getId(), writes);
                if (declaresPublic(verb)) open.add(verb.getId());
            }
        }
        publicRoutes = Set.copyOf(open);
        writesByRoute = Map.copyOf(declared);
    }

    private static boolean declaresPublic(VerbDefinition verb) {
        if (verb.getSecurity() == null) return false;
        for (SecurityDefinition requirement : verb.getSecurity()) {
            if (SECURITY_KEY.equals(requirement.getKey()) && requirement.getScopes() != null
                    && List.of(requirement.getScopes().split(",")).stream().anyMatch(scope -> scope.trim().equalsIgnoreCase("public"))) {
                if (!READ_METHODS.contains(verb.asVerb().toUpperCase(Locale.ROOT))) {
                    throw new IllegalStateException("route " + verb.getId() + " is declared public, but only a read (GET) may be");
                }
                return true;
            }
        }
        return false;
    }

    private static Boolean writes(List<SecurityDefinition> security) {
        if (security == null) return null;
        Boolean writes = null;
        for (SecurityDefinition requirement : security) {
            if (!SECURITY_KEY.equals(requirement.getKey()) || requirement.getScopes() == null) continue;
            for (String scope : requirement.getScopes().split(",")) {
                switch (scope.trim().toLowerCase(Locale.ROOT)) {
                    case "write" -> writes = true;
                    case "read", "public" -> writes = writes == null ? Boolean.FALSE : writes;
                    default -> throw new IllegalStateException("security scope of " + SECURITY_KEY + " must be read, write or public, not '" + scope + "'");
                }
            }
        }
        return writes;
    }
}
