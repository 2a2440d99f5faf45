package io.geoetl.http.auth;

import io.geoetl.http.support.ApiException;
import io.geoetl.http.support.RouteDeclarations;
import java.util.Optional;
import org.apache.camel.Exchange;
import org.apache.camel.Message;

/**
 * Runs before every API route (interceptFrom in routes/errors.yaml, which every API route opts
 * into): requests that change something need credentials that may write; reads are open unless
 * geoetl.auth.read-open is false (a route declared public is open to reads even then). Whether a request writes is what its route declares
 * ({@link RouteDeclarations}: a read-only POST says so), by default any method but GET, HEAD, OPTIONS. 401 for missing or
 * invalid credentials, 403 for valid ones without the right. Credential headers are removed
 * from the message once checked, so nothing downstream can log or echo them.
 */
public final class AccessGuard {
    public static final String CALLER_PROPERTY = "geoetl.caller";
    private final Authenticator authenticator;
    private final boolean readOpen;
    private final RouteDeclarations routes;

    public AccessGuard(Authenticator authenticator, boolean readOpen, RouteDeclarations routes) {
        this.authenticator = authenticator;
        this.readOpen = readOpen;
        this.routes = routes;
    }

    public void check(Exchange exchange) {
        Message in = exchange.getIn();
        boolean write = routes.writes(exchange);
        Optional<Caller> caller;
        try {
            caller = authenticator.authenticate(in);
        } finally {
            in.removeHeader(ApiKeyAuthenticator.HEADER);
            in.removeHeader("Authorization");
        }
        if (caller.isEmpty() && (write || !(readOpen || routes.isPublic(exchange)))) {
            throw new ApiException(401, "unauthorized", (write ? "this request changes something: " : "") + "send " + authenticator.expects());
        }
        if (write && !caller.get().canWrite()) {
            throw new ApiException(403, "forbidden", "caller " + caller.get().name() + " may read but not change anything");
        }
        caller.ifPresent(c -> exchange.setProperty(CALLER_PROPERTY, c.name()));
    }
}
