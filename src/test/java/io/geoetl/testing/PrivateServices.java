package io.geoetl.testing;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A PostgreSQL + PostGIS cluster and an Azurite of this test's own, on free loopback ports, so
 * fault tests can stop and restart them without touching the services other tests share. The
 * cluster requires a password (scram-sha-256) and Azurite serves a custom account with a random
 * key: both are secrets a test can look for in logs.
 * <p>
 * PostgreSQL: initdb + pg_ctl from /usr/lib/postgresql/15/bin (run as the postgres user when the
 * tests run as root, like scripts/setup). Azurite: $GEOETL_STATE_DIR/node/node_modules/.bin/azurite
 * (scripts/setup installs it), else the project's .state.
 */
public final class PrivateServices implements AutoCloseable {
    private static final Path PG_BIN = Path.of("/usr/lib/postgresql/15/bin");
    private static final String ACCOUNT = "geoetlprivate";
    private static final String DATABASE = "geoetl";
    private final Path dir;
    private final int pgPort;
    private final int blobPort;
    private final int queuePort;
    private final int tablePort;
    private final String dbPassword;
    private final String storageKey;
    private Process azurite;

    private PrivateServices(Path dir) {
        this.dir = dir;
        this.pgPort = freePort();
        this.blobPort = freePort();
        this.queuePort = freePort();
        this.tablePort = freePort(); // unused, but Azurite starts its table service too
        this.dbPassword = randomSecret(18);
        this.storageKey = randomSecret(64);
    }

    /** Creates and starts both services (a few seconds). */
    public static PrivateServices start() {
        try {
            Path dir = Files.createTempDirectory("geoetl-private-");
            Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
            PrivateServices services = new PrivateServices(dir);
            SecretLedger.record(List.of(services.dbPassword, services.storageKey));
            try {
                services.initPostgres();
                services.startPostgres();
                services.createDatabase();
                services.startAzurite();
            } catch (RuntimeException e) {
                services.close();
                throw e;
            }
            return services;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    public ServiceAddresses addresses() {
        return new ServiceAddresses("jdbc:postgresql://127.0.0.1:" + pgPort + "/" + DATABASE, "postgres", dbPassword,
                connectionString(), ACCOUNT);
    }

    public TestDb db() {
        return addresses().db();
    }

    public String dbPassword() {
        return dbPassword;
    }

    public String storageKey() {
        return storageKey;
    }

    public String connectionString() {
        return "DefaultEndpointsProtocol=http;AccountName=" + ACCOUNT + ";AccountKey=" + storageKey
                + ";BlobEndpoint=http://127.0.0.1:" + blobPort + "/" + ACCOUNT
                + ";QueueEndpoint=http://127.0.0.1:" + queuePort + "/" + ACCOUNT + ";";
    }

    // --- PostgreSQL -------------------------------------------------------------------------

    public void startPostgres() {
        run(asPostgres(PG_BIN.resolve("pg_ctl").toString(), "-D", pgData().toString(), "-l", dir.resolve("pg/server.log").toString(),
                "-o", "-c listen_addresses=127.0.0.1 -p " + pgPort + " -k " + dir.resolve("pg") + " -c fsync=off -c synchronous_commit=off",
                "-w", "-t", "60", "start"));
    }

    /** Stops the cluster ("fast": connections are cut, like a restart or failover). */
    public void stopPostgres() {
        run(asPostgres(PG_BIN.resolve("pg_ctl").toString(), "-D", pgData().toString(), "-m", "fast", "-w", "-t", "60", "stop"));
    }

    private void initPostgres() throws IOException {
        Path pg = Files.createDirectories(dir.resolve("pg"));
        Path passwordFile = pg.resolve("password");
        Files.writeString(passwordFile, dbPassword + "\n", StandardCharsets.UTF_8);
        if (isRoot()) run(List.of("chown", "-R", "postgres:postgres", pg.toString()));
        run(asPostgres(PG_BIN.resolve("initdb").toString(), "-D", pgData().toString(), "-U", "postgres", "-A", "scram-sha-256",
                "--pwfile=" + passwordFile, "-E", "UTF8", "--locale=C.UTF-8"));
        Files.delete(passwordFile);
    }

    private void createDatabase() {
        String admin = "jdbc:postgresql://127.0.0.1:" + pgPort + "/postgres";
        try (Connection c = DriverManager.getConnection(admin, "postgres", dbPassword); Statement s = c.createStatement()) {
            s.execute("create database " + DATABASE);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        try (Connection c = db().connect(); Statement s = c.createStatement()) {
            s.execute("create extension if not exists postgis");
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private Path pgData() {
        return dir.resolve("pg/data");
    }

    // --- Azurite ----------------------------------------------------------------------------

    public synchronized void startAzurite() {
        try {
            Path location = Files.createDirectories(dir.resolve("azurite"));
            ProcessBuilder builder = new ProcessBuilder(azuriteBinary().toString(),
                    "--blobHost", "127.0.0.1", "--blobPort", String.valueOf(blobPort),
                    "--queueHost", "127.0.0.1", "--queuePort", String.valueOf(queuePort),
                    "--tableHost", "127.0.0.1", "--tablePort", String.valueOf(tablePort),
                    "--location", location.toString(), "--skipApiVersionCheck", "--disableTelemetry", "--loose", "--silent")
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("azurite.log").toFile()));
            builder.environment().put("AZURITE_ACCOUNTS", ACCOUNT + ":" + storageKey);
            azurite = builder.start();
            waitForPort(blobPort);
            waitForPort(queuePort);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Stops Azurite (its data stays in the location folder for the next start). */
    public synchronized void stopAzurite() {
        if (azurite == null) return;
        azurite.destroy();
        try {
            if (!azurite.waitFor(20, TimeUnit.SECONDS)) azurite.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        azurite = null;
    }

    private static Path azuriteBinary() {
        List<Path> candidates = new ArrayList<>();
        String state = System.getenv("GEOETL_STATE_DIR");
        if (state != null) candidates.add(Path.of(state, "node/node_modules/.bin/azurite"));
        candidates.add(Path.of(".state/node/node_modules/.bin/azurite").toAbsolutePath());
        candidates.add(Path.of("/work/main/.state/node/node_modules/.bin/azurite"));
        return candidates.stream().filter(Files::isExecutable).findFirst()
                .orElseThrow(() -> new IllegalStateException("azurite not found in " + candidates + ": run scripts/setup"));
    }

    // --- life cycle -------------------------------------------------------------------------

    @Override
    public void close() {
        stopAzurite();
        try {
            stopPostgres();
        } catch (RuntimeException alreadyStopped) {
            // nothing to stop
        }
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // a temp folder left behind is harmless
        }
    }

    private static List<String> asPostgres(String... command) {
        List<String> full = new ArrayList<>();
        if (isRoot()) full.addAll(List.of("runuser", "-u", "postgres", "--"));
        full.addAll(List.of(command));
        return full;
    }

    private static boolean isRoot() {
        return "root".equals(System.getProperty("user.name"));
    }

    private void run(List<String> command) {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("commands.log").toFile())).start();
            if (!process.waitFor(120, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IllegalStateException(String.join(" ", command) + " failed; see " + dir.resolve("commands.log") + ":\n"
                        + Files.readString(dir.resolve("commands.log")));
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static void waitForPort(int port) {
        Waits.until("port " + port + " open", Duration.ofSeconds(30), () -> {
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
                return true;
            } catch (IOException e) {
                return false;
            }
        });
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Random bytes as base64 (a valid Azure account key; a password without quotes or spaces). */
    private static String randomSecret(int bytes) {
        byte[] random = new byte[bytes];
        new SecureRandom().nextBytes(random);
        return Base64.getEncoder().encodeToString(random);
    }
}
