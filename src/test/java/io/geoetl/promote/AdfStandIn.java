package io.geoetl.promote;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.azure.core.credential.AccessToken;
import com.azure.core.credential.TokenCredential;
import com.azure.core.http.HttpClient;
import com.azure.core.http.netty.NettyAsyncHttpClientBuilder;
import com.github.tomakehurst.wiremock.WireMockServer;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.time.OffsetDateTime;
import reactor.core.publisher.Mono;

/**
 * A local stand-in for the Azure Resource Manager endpoints of Data Factory: WireMock over HTTPS
 * with a certificate generated for this test run (keytool, SAN localhost/127.0.0.1), an SDK HTTP
 * client that trusts exactly that certificate, and a static bearer token.
 */
final class AdfStandIn implements AutoCloseable {
    static final String TOKEN = "adf-test-token";
    static final String FACTORY_PATH = "/subscriptions/sub-1/resourceGroups/rg-geo/providers/Microsoft.DataFactory/factories/geo-factory";
    private static final String PASSWORD = "stand-in-pass";
    final WireMockServer server;
    final Path keystore;

    AdfStandIn(Path dir) throws Exception {
        keystore = dir.resolve("stand-in.p12");
        Files.deleteIfExists(keystore);
        Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(), "-genkeypair",
                "-alias", "stand-in", "-keyalg", "RSA", "-keysize", "2048", "-validity", "2", "-dname", "CN=localhost",
                "-ext", "SAN=dns:localhost,ip:127.0.0.1", "-keystore", keystore.toString(), "-storetype", "PKCS12",
                "-storepass", PASSWORD, "-keypass", PASSWORD).redirectErrorStream(true).start();
        String output = new String(keytool.getInputStream().readAllBytes());
        if (keytool.waitFor() != 0) throw new IllegalStateException("keytool failed: " + output);
        server = new WireMockServer(options().httpDisabled(true).dynamicHttpsPort().bindAddress("127.0.0.1")
                .keystorePath(keystore.toString()).keystorePassword(PASSWORD).keyManagerPassword(PASSWORD).keystoreType("PKCS12"));
        server.start();
    }

    String endpoint() {
        return "https://localhost:" + server.httpsPort() + "/";
    }

    /** The SDK's Netty client, trusting only the stand-in's certificate. */
    HttpClient httpClient() throws Exception {
        return httpClient(keystore);
    }

    /** The same client for a router in another JVM, from the stand-in's keystore file. */
    static HttpClient httpClient(Path keystore) throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keystore)) {
            store.load(in, PASSWORD.toCharArray());
        }
        X509Certificate certificate = (X509Certificate) store.getCertificate("stand-in");
        SslContext ssl = SslContextBuilder.forClient().trustManager(certificate).build();
        return new NettyAsyncHttpClientBuilder(reactor.netty.http.client.HttpClient.create().secure(spec -> spec.sslContext(ssl))).build();
    }

    static TokenCredential credential() {
        return request -> Mono.just(new AccessToken(TOKEN, OffsetDateTime.now().plusHours(1)));
    }

    @Override
    public void close() {
        server.stop();
    }
}
