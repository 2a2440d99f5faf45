package io.geoetl.testing;

import io.geoetl.GeoetlMain;
import io.geoetl.GeoetlConfiguration;
import java.util.List;
import java.util.Map;

/**
 * The real router (GeoetlMain's routes, config and beans) with the test job types added, for
 * {@link RouterProcess}: run as its own JVM so a test can kill -9 or SIGTERM it. Reads the same
 * GEOETL_* environment variables as the router.
 */
public final class TestRouterMain {
    private TestRouterMain() {}

    public static void main(String[] args) throws Exception {
        Map<String, String> env = System.getenv();
        TestDb db = new TestDb(env.get("GEOETL_DB_URL"), env.getOrDefault("GEOETL_DB_USER", "postgres"),
                env.getOrDefault("GEOETL_DB_PASSWORD", ""));
        LedgerJobType ledger = new LedgerJobType(db, env.get("GEOETL_STORAGE_CONNECTION_STRING"),
                env.getOrDefault("GEOETL_WORKER_ID", "router"));
        GeoetlMain.create(new GeoetlConfiguration(List.of(r -> r.register(ledger)))).run(args);
    }
}
