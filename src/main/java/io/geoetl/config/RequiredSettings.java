package io.geoetl.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;

/**
 * The settings a router cannot start without, checked before anything starts so that a missing
 * one is named (with its environment variable) instead of surfacing as a library's stack trace.
 */
public final class RequiredSettings {
    /** The exit code of a router that refuses to start for missing settings. */
    public static final int EXIT_CODE = 2;

    private RequiredSettings() {}

    /** Every missing setting as "key (ENV_VAR)"; {@code lookup} resolves a key as the router would. */
    public static List<String> missing(Function<String, Optional<String>> lookup) {
        List<String> missing = new ArrayList<>();
        require(lookup, missing, "geoetl.db.url");
        if (blank(lookup, "geoetl.storage.connection-string") && blank(lookup, "geoetl.storage.account")) {
            missing.add(named("geoetl.storage.account") + " (managed identity) or " + named("geoetl.storage.connection-string"));
        }
        if (lookup.apply("geoetl.auth.mode").orElse("").trim().equals("entra")) {
            require(lookup, missing, "geoetl.auth.entra.issuer");
            require(lookup, missing, "geoetl.auth.entra.audience");
            require(lookup, missing, "geoetl.auth.entra.jwks-url");
        }
        return missing;
    }

    /** One message naming every missing setting. */
    public static String message(String profile, List<String> missing) {
        return "geoetl cannot start with profile '" + profile + "': " + missing.size() + " required setting(s) missing: "
                + String.join(", ", missing) + ". Set them as environment variables (or in config/application-" + profile
                + ".properties).";
    }

    /** geoetl.db.url → GEOETL_DB_URL, as Camel maps environment variables to keys. */
    static String environmentVariable(String key) {
        return key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
    }

    private static void require(Function<String, Optional<String>> lookup, List<String> missing, String key) {
        if (blank(lookup, key)) missing.add(named(key));
    }

    private static boolean blank(Function<String, Optional<String>> lookup, String key) {
        return lookup.apply(key).map(String::isBlank).orElse(true);
    }

    private static String named(String key) {
        return key + " (" + environmentVariable(key) + ")";
    }
}
