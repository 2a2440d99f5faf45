package io.geoetl.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.geoetl.jobs.OrchestrationDatabase;
import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;

/**
 * The connection pool, the schema migrations, and transactions. Everything else in the store
 * runs inside {@link #inTransaction}; nothing outside this package sees a JDBC type.
 */
public final class Database implements AutoCloseable {
    private final HikariDataSource dataSource;

    /** {@code applicationName} names the pool and its connections in pg_stat_activity. */
    public Database(String url, String user, String password, int maxPoolSize, String applicationName) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(url);
        config.setUsername(user);
        config.setPassword(password == null || password.isEmpty() ? null : password);
        config.setMaximumPoolSize(maxPoolSize);
        config.setMinimumIdle(1);
        config.setPoolName(applicationName);
        config.setAutoCommit(false);
        // fail fast at start-up is wrong for a router that must wait for the database to come back
        config.setInitializationFailTimeout(-1);
        config.setConnectionTimeout(10_000);
        config.addDataSourceProperty("reWriteBatchedInserts", "true");
        config.addDataSourceProperty("ApplicationName", applicationName);
        this.dataSource = new HikariDataSource(config);
    }

    /**
     * Applies the Flyway migrations in db/migration. Each package owns a range of versions
     * (db/migration/README.md), so branches developed in parallel never pick the same number;
     * out-of-order lets a lower version that lands later still apply.
     */
    public void migrate() {
        Flyway.configure()
                .dataSource(dataSource)
                .locations("classpath:db/migration")
                .schemas("app")
                .createSchemas(true)
                .outOfOrder(true)
                .load()
                .migrate();
    }

    /** Runs {@code work} in one transaction: committed when it returns, rolled back when it throws. */
    public <T> T inTransaction(TxWork<T> work) {
        try (Connection connection = dataSource.getConnection()) {
            try {
                T result = work.run(new Tx(connection));
                connection.commit();
                return result;
            } catch (Throwable e) {
                rollbackQuietly(connection, e);
                throw e;
            }
        } catch (SQLException e) {
            throw new StoreException(e);
        }
    }

    /** This pool as the orchestration sees it: transactions over jobs, tasks and events. */
    public OrchestrationDatabase orchestration() {
        return new OrchestrationDatabase() {
            @Override
            public <T> T inTransaction(Work<T> work) {
                return Database.this.inTransaction(work::run);
            }
        };
    }

    /** For repositories and tools that manage their own connection (COPY streaming, health). */
    DataSource dataSource() {
        return dataSource;
    }

    /** A short connection check for health endpoints: the PostGIS version, or an exception. */
    public String postgisVersion() {
        return inTransaction(tx -> tx.queryString("select postgis_lib_version()"));
    }

    @Override
    public void close() {
        dataSource.close();
    }

    private static void rollbackQuietly(Connection connection, Throwable cause) {
        try {
            connection.rollback();
        } catch (SQLException rollbackFailure) {
            cause.addSuppressed(rollbackFailure);
        }
    }

    /** Work inside a transaction. */
    @FunctionalInterface
    public interface TxWork<T> {
        T run(Tx tx);
    }
}
