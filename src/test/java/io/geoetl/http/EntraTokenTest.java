package io.geoetl.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;
import io.geoetl.testing.Api;
import io.geoetl.testing.RunningRouter;
import io.geoetl.testing.TestServices;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Date;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Entra ID bearer tokens, validated for real: RS256 signatures against a JWKS fetched over HTTP
 * (a stand-in for the tenant's keys endpoint, serving a key generated here), issuer, audience,
 * expiry and the write role.
 */
class EntraTokenTest {
    private static final String ISSUER = "https://login.microsoftonline.com/11111111-2222-3333-4444-555555555555/v2.0";
    private static final String AUDIENCE = "api://geoetl-test";
    private static RSAKey signingKey;
    private static RSAKey otherKey;
    private static HttpServer jwks;
    private static RunningRouter router;

    @BeforeAll
    static void start() throws Exception {
        TestServices.get().deleteAllJobs();
        signingKey = new RSAKeyGenerator(2048).keyID("tenant-key-1").generate();
        otherKey = new RSAKeyGenerator(2048).keyID("tenant-key-1").generate(); // same kid, wrong key
        byte[] keys = new JWKSet(signingKey.toPublicJWK()).toString().getBytes(StandardCharsets.UTF_8);
        jwks = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        jwks.createContext("/discovery/v2.0/keys", exchange -> {
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, keys.length);
            exchange.getResponseBody().write(keys);
            exchange.close();
        });
        jwks.start();
        router = RunningRouter.builder()
                .property("geoetl.auth.mode", "entra")
                .property("geoetl.auth.entra.issuer", ISSUER)
                .property("geoetl.auth.entra.audience", AUDIENCE)
                .property("geoetl.auth.entra.jwks-url", "http://127.0.0.1:" + jwks.getAddress().getPort() + "/discovery/v2.0/keys")
                .property("geoetl.auth.entra.write-role", "Geoetl.Write")
                .start();
    }

    @AfterAll
    static void stop() {
        router.close();
        jwks.stop(0);
    }

    @Test
    void aValidTokenWithTheWriteRoleMaySubmit() throws Exception {
        Api.Reply reply = bearer(token(signingKey, c -> c.claim("roles", List.of("Geoetl.Write")))).submit("hello_world", "{\"n\": 1}");
        assertThat(reply.status()).as(reply.text()).isEqualTo(201);
        String jobId = reply.body().get("job_id").asText();
        assertThat(Api.anonymous(router.baseUrl()).get("/api/jobs/" + jobId).status()).isEqualTo(200);
    }

    @Test
    void aDelegatedScopeCountsAsTheRole() throws Exception {
        Api.Reply reply = bearer(token(signingKey, c -> c.claim("scp", "Jobs.Read Geoetl.Write"))).submit("hello_world", "{\"n\": 2}");
        assertThat(reply.status()).as(reply.text()).isIn(200, 201);
    }

    @Test
    void aValidTokenWithoutTheWriteRoleIs403() throws Exception {
        Api.Reply reply = bearer(token(signingKey, c -> c.claim("roles", List.of("Geoetl.Read")))).submit("hello_world", "{\"n\": 3}");
        assertThat(reply.status()).isEqualTo(403);
        assertThat(reply.body().get("code").asText()).isEqualTo("forbidden");
    }

    @Test
    void invalidTokensAre401() throws Exception {
        String expired = token(signingKey, c -> c.claim("roles", List.of("Geoetl.Write"))
                .expirationTime(new Date(System.currentTimeMillis() - 3_600_000)));
        String wrongAudience = token(signingKey, c -> c.claim("roles", List.of("Geoetl.Write")).audience("api://someone-else"));
        String wrongIssuer = token(signingKey, c -> c.claim("roles", List.of("Geoetl.Write")).issuer("https://evil.example/v2.0"));
        String wrongKey = token(otherKey, c -> c.claim("roles", List.of("Geoetl.Write")));
        String unsigned = new PlainJWT(claims(c -> c.claim("roles", List.of("Geoetl.Write")))).serialize();
        SignedJWT hmac = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims(c -> c.claim("roles", List.of("Geoetl.Write"))));
        hmac.sign(new MACSigner("a-shared-secret-that-is-long-enough-for-hs256".getBytes(StandardCharsets.UTF_8)));

        for (String token : List.of(expired, wrongAudience, wrongIssuer, wrongKey, unsigned, hmac.serialize(), "not.a.jwt")) {
            Api.Reply reply = bearer(token).submit("hello_world", "{\"n\": 4}");
            assertThat(reply.status()).as(reply.text()).isEqualTo(401);
            assertThat(reply.body().get("code").asText()).isEqualTo("unauthorized");
            assertThat(reply.text()).doesNotContain(token);
        }
        assertThat(Api.anonymous(router.baseUrl()).submit("hello_world", "{\"n\": 4}").status()).isEqualTo(401);
        assertThat(Api.withCredentials(router.baseUrl(), "Authorization", "Basic dXNlcjpwYXNz").submit("hello_world", "{\"n\": 4}").status())
                .isEqualTo(401);
        // API keys are not accepted in entra mode
        assertThat(new Api(router.baseUrl()).submit("hello_world", "{\"n\": 4}").status()).isEqualTo(401);
    }

    private static Api bearer(String token) {
        return Api.withCredentials(router.baseUrl(), "Authorization", "Bearer " + token);
    }

    private static String token(RSAKey key, Consumer<JWTClaimsSet.Builder> customise) throws Exception {
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).type(JOSEObjectType.JWT).build(),
                claims(customise));
        jwt.sign(new RSASSASigner(key));
        return jwt.serialize();
    }

    private static JWTClaimsSet claims(Consumer<JWTClaimsSet.Builder> customise) {
        JWTClaimsSet.Builder builder = new JWTClaimsSet.Builder().issuer(ISSUER).audience(AUDIENCE).subject("user-1")
                .claim("preferred_username", "ada@example.org")
                .issueTime(new Date()).expirationTime(new Date(System.currentTimeMillis() + 600_000));
        customise.accept(builder);
        return builder.build();
    }
}
