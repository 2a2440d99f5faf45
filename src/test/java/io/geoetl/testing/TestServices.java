package io.geoetl.testing;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.postgresql.PostgreSQLContainer;
import org.testcontainers.utility.DockerImageName;

/**
 * The real services the tests run against. scripts/test starts PostgreSQL + PostGIS and Azurite
 * and passes their addresses (GEOETL_TEST_DB_URL, GEOETL_STORAGE_CONNECTION_STRING); where those
 * are absent and a Docker engine runs, the same services start in Testcontainers. With neither,
 * every test fails with a message naming the command to run.
 */
public final class TestServices {
    private static final String AZURITE_KEY =
            "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";
    private static TestServices instance;

    public final String dbUrl;
    public final String dbUser;
    public final String dbPassword;
    public final String storageConnectionString;

    private TestServices(String dbUrl, String dbUser, String dbPassword, String storageConnectionString) {
        this.dbUrl = dbUrl;
        this.dbUser = dbUser;
        this.dbPassword = dbPassword;
        this.storageConnectionString = storageConnectionString;
    }

    public static synchronized TestServices get() {
        if (instance == null) {
            instance = fromEnvironment();
            if (instance == null) instance = fromTestcontainers();
        }
        return instance;
    }

    private static TestServices fromEnvironment() {
        String url = System.getenv("GEOETL_TEST_DB_URL");
        String storage = System.getenv("GEOETL_STORAGE_CONNECTION_STRING");
        if (url == null || storage == null) return null;
        return new TestServices(url, System.getenv().getOrDefault("GEOETL_DB_USER", "postgres"),
                System.getenv().getOrDefault("GEOETL_DB_PASSWORD", ""), storage);
    }

    @SuppressWarnings("resource") // containers live as long as the test JVM (Ryuk removes them)
    private static TestServices fromTestcontainers() {
        boolean docker;
        try {
            docker = DockerClientFactory.instance().isDockerAvailable();
        } catch (Throwable e) {
            docker = false;
        }
        if (!docker) {
            throw new IllegalStateException("No test services: run the tests with scripts/test (it starts PostgreSQL + PostGIS "
                    + "and Azurite and passes GEOETL_TEST_DB_URL and GEOETL_STORAGE_CONNECTION_STRING), "
                    + "or start a Docker engine so Testcontainers can start them");
        }
        PostgreSQLContainer postgis = new PostgreSQLContainer(
                DockerImageName.parse("postgis/postgis:15-3.4").asCompatibleSubstituteFor("postgres"));
        postgis.start();
        GenericContainer<?> azurite = new GenericContainer<>("mcr.microsoft.com/azure-storage/azurite:3.35.0")
                .withCommand("azurite", "--blobHost", "0.0.0.0", "--queueHost", "0.0.0.0", "--skipApiVersionCheck", "--loose")
                .withExposedPorts(10000, 10001);
        azurite.start();
        String host = azurite.getHost();
        String storage = "DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=" + AZURITE_KEY
                + ";BlobEndpoint=http://" + host + ":" + azurite.getMappedPort(10000) + "/devstoreaccount1"
                + ";QueueEndpoint=http://" + host + ":" + azurite.getMappedPort(10001) + "/devstoreaccount1;";
        return new TestServices(postgis.getJdbcUrl(), postgis.getUsername(), postgis.getPassword(), storage);
    }

    /** A JDBC connection for assertions on what the router wrote (autocommit on). */
    public Connection connect() throws SQLException {
        return DriverManager.getConnection(dbUrl, dbUser, dbPassword.isEmpty() ? null : dbPassword);
    }

    /** Removes every job (tasks and events cascade), so each test class starts from an empty job table. */
    public void deleteAllJobs() {
        try (Connection c = connect(); Statement s = c.createStatement()) {
            s.execute("do $$ begin if to_regclass('app.jobs') is not null then truncate app.jobs cascade; end if; end $$");
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
