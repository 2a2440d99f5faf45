package io.geoetl.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;

/**
 * The secrets tests hand to routers, appended to target/test-secrets.txt so scripts/check-secrets
 * can grep every log of the whole test run for them afterwards. Test-only values.
 */
public final class SecretLedger {
    private static final Path FILE = Path.of("target", "test-secrets.txt");
    private static boolean started;

    private SecretLedger() {}

    public static synchronized void record(List<String> secrets) {
        try {
            Files.createDirectories(FILE.getParent());
            if (!started) {
                // a new test run: forget the secrets of earlier runs, always list the test API key
                Files.write(FILE, List.of(Api.TEST_API_KEY), StandardCharsets.UTF_8);
                started = true;
            }
            Files.write(FILE, secrets, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
