package io.geoetl.promote;

import io.geoetl.testing.RunningRouter;
import io.geoetl.testing.TestDb;
import io.geoetl.testing.TestServices;
import java.sql.Connection;
import java.sql.Statement;

/**
 * The two real databases of the promotion tests: staging is the shared test database, production
 * a second database on the same server (GEOETL_TEST_PRODUCTION_DB_URL from scripts/setup, or
 * "<test database>_production", created here when missing).
 */
public final class PromotionTestSupport {
    private static String productionUrl;

    private PromotionTestSupport() {}

    static TestDb staging() {
        return TestDb.shared();
    }

    public static synchronized String productionUrl() {
        if (productionUrl == null) {
            String url = System.getenv("GEOETL_TEST_PRODUCTION_DB_URL");
            if (url == null || url.isBlank()) url = TestServices.get().dbUrl.replaceFirst("(/[^/?]+)(\\?|$)", "$1_production$2");
            ensureExists(url);
            productionUrl = url;
        }
        return productionUrl;
    }

    static TestDb production() {
        TestServices s = TestServices.get();
        return new TestDb(productionUrl(), s.dbUser, s.dbPassword);
    }

    /** A router whose production database is the test one. */
    static RunningRouter.Builder router() {
        return RunningRouter.builder()
                .property("geoetl.production-db.url", productionUrl())
                .property("geoetl.production-db.user", TestServices.get().dbUser)
                .property("geoetl.production-db.password", TestServices.get().dbPassword)
                .property("geoetl.promote.allowed-target-schemas", "geo,prod")
                .property("geoetl.tasks.backoff-base", "PT1S");
    }

    /**
     * staging schema.table: n rows of id (primary key), name, a five-vertex MultiPolygon in SRID
     * 4326 with a GiST index, and a number; replaces an earlier table of that name.
     */
    static void createSourceTable(String schema, String table, int rows) {
        createTable(staging(), schema, table, rows);
    }

    /** The same table on any database (same rows for the same arguments). */
    static void createTable(TestDb db, String schema, String table, int rows) {
        db.exec("create schema if not exists " + schema);
        db.exec("drop table if exists " + schema + "." + table);
        db.exec("create table " + schema + "." + table + " (id bigint primary key, name text not null, score double precision, "
                + "geom geometry(MultiPolygon, 4326) not null)");
        db.exec("insert into " + schema + "." + table + " select g, 'feature ' || g, g * 0.25, "
                + "st_multi(st_makeenvelope(g % 360 - 180, (g / 360) % 180 - 90, g % 360 - 179.5, (g / 360) % 180 - 89.5, 4326)) "
                + "from generate_series(1, " + rows + ") g");
        db.exec("create index " + table + "_geom_idx on " + schema + "." + table + " using gist (geom)");
        db.exec("create index " + table + "_name_idx on " + schema + "." + table + " (name)");
    }

    /** An ordered digest of every row, computed differently from the router's order-independent checksum. */
    static String digest(TestDb db, String qualifiedTable) {
        return String.valueOf(db.scalar("select md5(string_agg(concat_ws('|', id, name, score, st_asewkb(geom)::text), ',' order by id)) "
                + "from " + qualifiedTable));
    }

    static void dropEverywhere(String qualifiedTable) {
        staging().exec("drop table if exists " + qualifiedTable);
        production().exec("drop table if exists " + qualifiedTable);
    }

    private static void ensureExists(String url) {
        TestServices s = TestServices.get();
        String name = url.replaceFirst("^.*/([^/?]+)(\\?.*)?$", "$1");
        try (Connection c = s.connect(); Statement st = c.createStatement()) {
            var rs = st.executeQuery("select 1 from pg_database where datname = '" + name.replace("'", "") + "'");
            if (!rs.next()) st.execute("create database \"" + name.replace("\"", "") + "\"");
        } catch (Exception e) {
            throw new IllegalStateException("cannot create the production test database " + name + ": " + e.getMessage(), e);
        }
        new TestDb(url, s.dbUser, s.dbPassword).exec("create extension if not exists postgis");
    }
}
