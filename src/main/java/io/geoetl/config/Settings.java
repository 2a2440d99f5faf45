package io.geoetl.config;

import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.UUID;
import org.apache.camel.CamelContext;

/**
 * Typed access to geoetl.* settings through Camel's property placeholders (so an environment
 * variable such as GEOETL_DB_URL overrides geoetl.db.url). A missing key is a start-up error
 * naming the key.
 */
public final class Settings {
    private final CamelContext camel;

    public Settings(CamelContext camel) {
        this.camel = camel;
    }

    public String text(String key) {
        return camel.getPropertiesComponent().resolveProperty(key)
                .orElseThrow(() -> new IllegalStateException("setting " + key + " is missing from config/application.properties"));
    }

    /** A value that must never be logged; empty when not set. */
    public String secret(String key) {
        return camel.getPropertiesComponent().resolveProperty(key).orElse("");
    }

    /** A comma-separated list, trimmed, blanks dropped. */
    public Set<String> set(String key) {
        Set<String> values = new LinkedHashSet<>();
        for (String part : text(key).split(",")) {
            if (!part.isBlank()) values.add(part.trim());
        }
        return values;
    }

    /** A setting that may be left empty (empty string then). */
    public String optional(String key) {
        return camel.getPropertiesComponent().resolveProperty(key).orElse("").trim();
    }

    public int integer(String key) {
        return Integer.parseInt(text(key).trim());
    }

    public long longValue(String key) {
        return Long.parseLong(text(key).trim());
    }

    public boolean bool(String key) {
        return Boolean.parseBoolean(text(key).trim());
    }

    /** ISO-8601 (PT30S) or a number of seconds. */
    public Duration duration(String key) {
        String value = text(key).trim();
        return value.startsWith("P") ? Duration.parse(value) : Duration.ofMillis((long) (Double.parseDouble(value) * 1000));
    }

    /** geoetl.worker.id, or host:pid:random when blank, so two routers on one host differ. */
    public String workerId() {
        String configured = camel.getPropertiesComponent().resolveProperty("geoetl.worker.id").orElse("").trim();
        if (!configured.isEmpty()) return configured;
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (Exception e) {
            host = "unknown-host";
        }
        return host + ":" + ManagementFactory.getRuntimeMXBean().getPid() + ":" + UUID.randomUUID().toString().substring(0, 8);
    }
}
