package io.geoetl.http.auth;

import io.geoetl.http.support.ApiException;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.KeySourceException;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import java.net.MalformedURLException;
import java.net.URI;
import java.text.ParseException;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.apache.camel.Message;

/**
 * Microsoft Entra ID bearer tokens (azure profile): an RS256 JWT whose signature checks out
 * against the tenant's published keys (JWKS, cached and refreshed by nimbus-jose-jwt), issued by
 * the configured issuer, for the configured audience, and not expired. A token may write when
 * its {@code roles} (app roles) or {@code scp} (delegated scopes) contain the write role; it may
 * read when a read role is not required or present.
 */
public final class EntraTokenAuthenticator implements Authenticator {
    private static final String PREFIX = "Bearer ";
    private final DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
    private final String writeRole;
    private final String readRole;

    public EntraTokenAuthenticator(String issuer, String audience, String jwksUrl, String writeRole, String readRole) {
        requireSetting(issuer, "geoetl.auth.entra.issuer");
        requireSetting(audience, "geoetl.auth.entra.audience");
        requireSetting(jwksUrl, "geoetl.auth.entra.jwks-url");
        JWKSource<SecurityContext> keys;
        try {
            keys = JWKSourceBuilder.create(URI.create(jwksUrl).toURL()).retrying(true).build();
        } catch (MalformedURLException | IllegalArgumentException e) {
            throw new IllegalStateException("geoetl.auth.entra.jwks-url is not a URL: " + jwksUrl, e);
        }
        processor.setJWSKeySelector(new JWSVerificationKeySelector<>(JWSAlgorithm.RS256, keys));
        processor.setJWTClaimsSetVerifier(new DefaultJWTClaimsVerifier<>(audience,
                new JWTClaimsSet.Builder().issuer(issuer).build(), Set.of("sub", "exp")));
        this.writeRole = writeRole == null ? "" : writeRole.trim();
        this.readRole = readRole == null ? "" : readRole.trim();
    }

    @Override
    public Optional<Caller> authenticate(Message request) {
        String header = request.getHeader("Authorization", String.class);
        if (header == null || header.isBlank()) return Optional.empty();
        if (!header.regionMatches(true, 0, PREFIX, 0, PREFIX.length())) {
            throw new ApiException(401, "unauthorized", "the Authorization header must be 'Bearer <token>'");
        }
        JWTClaimsSet claims;
        try {
            claims = processor.process(header.substring(PREFIX.length()).trim(), null);
        } catch (KeySourceException e) {
            throw new ApiException(503, "identity_provider_unavailable",
                    "the signing keys of the identity provider could not be fetched; try again shortly");
        } catch (ParseException | BadJOSEException | JOSEException e) {
            throw new ApiException(401, "unauthorized", "the bearer token is not valid: " + e.getMessage());
        }
        boolean canRead = readRole.isEmpty() || hasRole(claims, readRole);
        boolean canWrite = hasRole(claims, writeRole);
        if (!canRead && !canWrite) {
            throw new ApiException(403, "forbidden", "the token has neither role " + readRole + " nor " + writeRole);
        }
        return Optional.of(new Caller(name(claims), canWrite));
    }

    @Override
    public String expects() {
        return "a Microsoft Entra ID bearer token in the Authorization header";
    }

    private static boolean hasRole(JWTClaimsSet claims, String role) {
        if (role.isEmpty()) return false;
        try {
            List<String> roles = claims.getStringListClaim("roles");
            if (roles != null && roles.contains(role)) return true;
            String scopes = claims.getStringClaim("scp");
            return scopes != null && List.of(scopes.split(" ")).contains(role);
        } catch (ParseException e) {
            return false;
        }
    }

    /** A readable, stable caller name: the user's name, else the application, else the subject. */
    private static String name(JWTClaimsSet claims) {
        for (String claim : List.of("preferred_username", "azp", "appid", "oid")) {
            Object value = claims.getClaim(claim);
            if (value instanceof String text && !text.isBlank()) return text;
        }
        return claims.getSubject();
    }

    private static void requireSetting(String value, String key) {
        if (value == null || value.isBlank()) {
            throw new IllegalStateException(key + " must be set when geoetl.auth.mode is entra");
        }
    }
}
