package io.geoetl.testing;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * A router in its own JVM ({@code java -cp <test classpath> <main>}, working directory = the
 * project), so a test can kill -9 it or send it SIGTERM. Its output goes to
 * target/router-logs/&lt;name&gt;.log. Settings are passed as -D system properties, secrets as
 * GEOETL_* environment variables; GEOETL_* and AZURE_* variables of the test JVM are not inherited.
 */
public final class RouterProcess implements AutoCloseable {
    private final Process process;
    private final String name;
    private final int port;
    private final Path log;

    private RouterProcess(Process process, String name, int port, Path log) {
        this.process = process;
        this.name = name;
        this.port = port;
        this.log = log;
    }

    public static Builder builder(ServiceAddresses services) {
        return new Builder(services);
    }

    /** This router's worker id (claimed_by, event actor). */
    public String name() {
        return name;
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    public long pid() {
        return process.pid();
    }

    public Path logFile() {
        return log;
    }

    public String logText() {
        try {
            return Files.readString(log, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** kill -9: no shutdown hook, no cleanup; returns the exit code. */
    public int killHard() {
        process.destroyForcibly();
        return waitForExit(Duration.ofSeconds(30));
    }

    /** SIGTERM: the router's graceful shutdown runs; waits for the process to end and returns its exit code. */
    public int terminate(Duration timeout) {
        process.destroy();
        return waitForExit(timeout);
    }

    public int waitForExit(Duration timeout) {
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new AssertionError("router " + name + " still running after " + timeout + "; log: " + log);
            }
            return process.exitValue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            process.destroyForcibly();
            try {
                process.waitFor(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    public static final class Builder {
        private final ServiceAddresses services;
        private final Map<String, String> properties = new LinkedHashMap<>();
        private final Map<String, String> env = new LinkedHashMap<>();
        private String name = "router-" + UUID.randomUUID().toString().substring(0, 8);
        private String mainClass = TestRouterMain.class.getName();
        private String queue = "test-" + UUID.randomUUID().toString().substring(0, 8);

        private Builder(ServiceAddresses services) {
            this.services = services;
        }

        /** Worker id and log file name. */
        public Builder name(String name) {
            this.name = name;
            return this;
        }

        /** io.geoetl.GeoetlMain for the product's job types only; default TestRouterMain (adds the test job types). */
        public Builder mainClass(String mainClass) {
            this.mainClass = mainClass;
            return this;
        }

        public Builder queue(String queue) {
            this.queue = queue;
            return this;
        }

        /** A setting (geoetl.* or camel.*), passed as -Dkey=value. Not for secrets: use {@link #env}. */
        public Builder property(String key, String value) {
            properties.put(key, value);
            return this;
        }

        /** An environment variable of the router process. */
        public Builder env(String key, String value) {
            env.put(key, value);
            return this;
        }

        public RouterProcess start() {
            int port = freePort();
            Path logDir = Path.of("target", "router-logs");
            Path log = logDir.resolve(name + ".log");
            List<String> command = new ArrayList<>(List.of(javaBinary(), "--enable-native-access=ALL-UNNAMED", "-Xmx512m",
                    "-cp", testClassPath()));
            Map<String, String> settings = new LinkedHashMap<>();
            settings.put("camel.server.port", String.valueOf(port));
            settings.put("geoetl.queue.tasks", queue);
            settings.put("geoetl.queue.poison", queue + "-poison");
            settings.put("geoetl.worker.id", name);
            settings.put("geoetl.worker.poll-delay", "100");
            settings.put("geoetl.db.url", services.dbUrl());
            settings.put("geoetl.db.user", services.dbUser());
            settings.put("geoetl.storage.account", services.storageAccount());
            settings.putAll(properties);
            settings.forEach((k, v) -> command.add("-D" + k + "=" + v));
            command.add(mainClass);
            ProcessBuilder builder = new ProcessBuilder(command).directory(Path.of("").toAbsolutePath().toFile())
                    .redirectErrorStream(true);
            builder.environment().keySet().removeIf(k -> k.startsWith("GEOETL_") || k.startsWith("AZURE_") || k.startsWith("CAMEL_"));
            builder.environment().put("GEOETL_DB_URL", services.dbUrl());
            builder.environment().put("GEOETL_DB_USER", services.dbUser());
            builder.environment().put("GEOETL_DB_PASSWORD", services.dbPassword());
            builder.environment().put("GEOETL_STORAGE_CONNECTION_STRING", services.storageConnectionString());
            builder.environment().put("GEOETL_WORKER_ID", name);
            builder.environment().put("GEOETL_AUTH_API_KEY", Api.TEST_API_KEYS);
            // blob-drop triggers watch shared places (the bronze container, ./inbox): off, as in RunningRouter
            builder.environment().put("GEOETL_BLOB_DROP_EVENTS_ENABLED", "false");
            builder.environment().put("GEOETL_BLOB_DROP_POLL_ENABLED", "false");
            builder.environment().put("GEOETL_BLOB_DROP_INBOX_ENABLED", "false");
            builder.environment().putAll(env);
            try {
                Files.createDirectories(logDir);
                builder.redirectOutput(log.toFile());
                RouterProcess router = new RouterProcess(builder.start(), name, port, log);
                router.awaitHttp(Duration.ofMinutes(4));
                return router;
            } catch (IOException e) {
                throw new IllegalStateException("could not start router " + name, e);
            }
        }

        private static String javaBinary() {
            return Path.of(System.getProperty("java.home"), "bin", "java").toString();
        }

        /** Surefire's real class path (java.class.path is only its booter jar there). */
        private static String testClassPath() {
            String surefire = System.getProperty("surefire.test.class.path");
            return surefire != null && !surefire.isBlank() ? surefire : System.getProperty("java.class.path");
        }

        private static int freePort() {
            try (ServerSocket socket = new ServerSocket(0)) {
                return socket.getLocalPort();
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    /** Waits until GET /api/health answers (200 or 503: the HTTP routes are up). */
    private void awaitHttp(Duration timeout) {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new AssertionError("router " + name + " exited with " + process.exitValue() + " during start-up:\n" + tail());
            }
            try {
                HttpResponse<String> reply = http.send(HttpRequest.newBuilder(URI.create(baseUrl() + "/api/health"))
                        .timeout(Duration.ofSeconds(30)).GET().build(), HttpResponse.BodyHandlers.ofString());
                if (reply.statusCode() == 200 || reply.statusCode() == 503) return;
            } catch (IOException notYet) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            Waits.sleep(300);
        }
        close();
        throw new AssertionError("router " + name + " did not answer within " + timeout + ":\n" + tail());
    }

    private String tail() {
        String text = logText();
        return text.length() <= 4000 ? text : text.substring(text.length() - 4000);
    }
}
