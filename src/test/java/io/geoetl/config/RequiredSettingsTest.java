package io.geoetl.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.geoetl.GeoetlMain;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** A router started without the settings its profile needs names every missing one and exits with code 2. */
class RequiredSettingsTest {

    @Test
    void theAzureProfileWithNoSettingsNamesEveryMissingOneAndExitsWith2() throws Exception {
        Process router = start("azure");
        assertThat(router.waitFor(180, TimeUnit.SECONDS)).as("the router exits").isTrue();
        String output = new String(router.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

        assertThat(router.exitValue()).as(output).isEqualTo(2);
        assertThat(output).contains("profile 'azure'", "5 required setting(s) missing", "GEOETL_DB_URL", "GEOETL_STORAGE_ACCOUNT",
                "GEOETL_AUTH_ENTRA_ISSUER", "GEOETL_AUTH_ENTRA_AUDIENCE", "GEOETL_AUTH_ENTRA_JWKS_URL");
        assertThat(output).doesNotContain("jdbcUrl is required").doesNotContain("\tat ");
    }

    @Test
    void theLocalDefaultsNeedNothingMore() {
        assertThat(RequiredSettings.missing(key -> java.util.Optional.ofNullable(switch (key) {
            case "geoetl.db.url" -> "jdbc:postgresql://127.0.0.1:55432/geoetl";
            case "geoetl.storage.connection-string" -> "UseDevelopmentStorage=true";
            case "geoetl.auth.mode" -> "api-key";
            default -> null;
        }))).isEmpty();
    }

    /** {@code java -cp <test class path> io.geoetl.GeoetlMain} with only GEOETL_PROFILE set among the geoetl variables. */
    private static Process start(String profile) throws IOException {
        String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        ProcessBuilder builder = new ProcessBuilder(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-cp", classPath, GeoetlMain.class.getName()))
                .directory(Path.of("").toAbsolutePath().toFile())
                .redirectErrorStream(true);
        builder.environment().keySet().removeIf(k -> k.startsWith("GEOETL_") || k.startsWith("AZURE_") || k.startsWith("CAMEL_"));
        builder.environment().put("GEOETL_PROFILE", profile);
        return builder.start();
    }
}
