package io.geoetl.promote;

import static io.geoetl.promote.PromotionTestSupport.createSourceTable;
import static io.geoetl.promote.PromotionTestSupport.digest;
import static io.geoetl.promote.PromotionTestSupport.production;
import static io.geoetl.promote.PromotionTestSupport.staging;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.geoetl.testing.Api;
import io.geoetl.testing.RunningRouter;
import io.geoetl.testing.TestDb;
import io.geoetl.testing.TestServices;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * promote_data with the local backend, end to end between two real databases: a PostGIS table
 * in staging is submitted over HTTP and lands in production with the same rows, geometry type,
 * SRID, indexes and catalog row; the audit row says what happened; append never appends twice.
 */
class LocalPromotionTest {
    private static final int ROWS = 20_000;
    /** A second writer, so the audit's "requested by" shows which caller asked. */
    private static final String ANALYST_KEY = "analyst-key-5d1c0e27b9f4a3";
    private static RunningRouter router;
    private static Api api;
    private static Api analyst;

    @BeforeAll
    static void start() {
        TestServices.get().deleteAllJobs();
        router = PromotionTestSupport.router().property("geoetl.auth.api-key", Api.TEST_API_KEYS + ",analyst:" + ANALYST_KEY).start();
        api = new Api(router.baseUrl());
        analyst = Api.withCredentials(router.baseUrl(), "X-API-Key", ANALYST_KEY);
    }

    @AfterAll
    static void stop() {
        router.close();
    }

    @Test
    void replaceCopiesRowsGeometryTypeSridIndexesAndCatalogRow() {
        createSourceTable("geo", "promo_parcels", ROWS);
        staging().exec("delete from geo.table_catalog where table_name = 'promo_parcels'");
        staging().exec("insert into geo.table_catalog (schema_name, table_name, title, source, source_etag, source_format, job_id, "
                + "geometry_type, srid, feature_count, columns) values ('geo', 'promo_parcels', 'Parcels', 'bronze/parcels.gpkg', '\"0x1\"', "
                + "'GPKG', repeat('a', 64), 'MultiPolygon', 4326, " + ROWS + ", '[]')");
        production().exec("drop table if exists prod.parcels");
        // an audit row outlives its job: an earlier run's row would keep that run's requester
        staging().exec("delete from app.promotions where target = 'prod.parcels'");

        JsonNode job = promote(analyst, "{\"source\": \"geo.promo_parcels\", \"target\": \"prod.parcels\"}");

        assertThat(job.path("status").asText()).isEqualTo("completed");
        TestDb prod = production();
        assertThat(prod.count("select count(*) from prod.parcels")).isEqualTo(ROWS);
        assertThat(digest(prod, "prod.parcels")).isEqualTo(digest(staging(), "geo.promo_parcels"));
        assertThat(prod.rows("select type, srid from geometry_columns where f_table_schema = 'prod' and f_table_name = 'parcels'"))
                .containsExactly(Map.of("type", "MULTIPOLYGON", "srid", 4326));
        assertThat(prod.column("select indexname from pg_indexes where schemaname = 'prod' and tablename = 'parcels' order by 1"))
                .containsExactly("promo_parcels_geom_idx", "promo_parcels_name_idx", "promo_parcels_pkey");
        assertThat(prod.column("select tablename from pg_tables where schemaname = 'prod' and tablename like '\\_promote\\_%'")).isEmpty();
        assertThat(prod.rows("select source, source_etag, feature_count from geo.table_catalog where schema_name = 'prod' and table_name = 'parcels'"))
                .containsExactly(Map.of("source", "bronze/parcels.gpkg", "source_etag", "\"0x1\"", "feature_count", (long) ROWS));

        JsonNode result = job.path("result");
        assertThat(result.path("rows_written").asLong()).isEqualTo(ROWS);
        assertThat(result.path("verification").path("verified").asBoolean()).isTrue();
        assertThat(result.path("verification").path("source")).isEqualTo(result.path("verification").path("target"));
        assertThat(result.path("source_version").asText()).isEqualTo("a".repeat(64));

        Api.Reply audit = api.get("/api/promotions/" + job.path("job_id").asText());
        assertThat(audit.status()).isEqualTo(200);
        assertThat(audit.body().path("status").asText()).isEqualTo("completed");
        assertThat(audit.body().path("backend").asText()).isEqualTo("local");
        assertThat(audit.body().path("rows_read").asLong()).isEqualTo(ROWS);
        assertThat(audit.body().path("rows_written").asLong()).isEqualTo(ROWS);
        assertThat(audit.body().path("requested_by").asText()).isEqualTo("api:analyst");
        assertThat(audit.body().path("verification").path("verified").asBoolean()).isTrue();
        assertThat(audit.body().path("finished_at").isTextual()).isTrue();
    }

    @Test
    void promotingTheSameVersionAgainIsTheSameJobAndAReloadIsANewOne() {
        createSourceTable("geo", "promo_again", 500);
        production().exec("drop table if exists prod.again");
        String body = "{\"source\": \"geo.promo_again\", \"target\": \"prod.again\"}";
        JsonNode first = promote(body);
        String digestAfterFirst = digest(production(), "prod.again");

        Api.Reply again = api.submit("promote_data", body);
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.body().path("job_id").asText()).isEqualTo(first.path("job_id").asText());
        assertThat(digest(production(), "prod.again")).isEqualTo(digestAfterFirst);

        staging().exec("update geo.promo_again set name = 'renamed' where id <= 10");
        pauseForStatistics();
        JsonNode second = promote(body);
        assertThat(second.path("job_id").asText()).isNotEqualTo(first.path("job_id").asText());
        assertThat(production().count("select count(*) from prod.again where name = 'renamed'")).isEqualTo(10);
        assertThat(digest(production(), "prod.again")).isEqualTo(digest(staging(), "geo.promo_again"));
    }

    @Test
    void appendAddsEachNewSourceVersionOnce() {
        createSourceTable("geo", "promo_batch", 1_000);
        production().exec("drop table if exists prod.history");
        production().exec("do $$ begin if to_regclass('app.promotion_ledger') is not null then "
                + "delete from app.promotion_ledger where target = 'prod.history'; end if; end $$");
        String body = "{\"source\": \"geo.promo_batch\", \"target\": \"prod.history\", \"mode\": \"append\"}";
        JsonNode first = promote(body);
        assertThat(production().count("select count(*) from prod.history")).isEqualTo(1_000);
        assertThat(first.path("result").path("verification").path("verified").asBoolean()).isTrue();
        assertThat(production().count("select count(*) from app.promotion_ledger where job_id = ?", first.path("job_id").asText())).isEqualTo(1);

        assertThat(api.submit("promote_data", body).body().path("job_id").asText()).isEqualTo(first.path("job_id").asText());
        assertThat(production().count("select count(*) from prod.history")).isEqualTo(1_000);

        // the same append run again from scratch (its job row gone, as if the router lost it after the commit): the ledger stops it
        staging().exec("delete from app.jobs where job_id = ?", first.path("job_id").asText());
        JsonNode rerun = promote(body);
        assertThat(rerun.path("job_id").asText()).isEqualTo(first.path("job_id").asText());
        assertThat(rerun.path("result").path("already_written").asBoolean()).isTrue();
        assertThat(production().count("select count(*) from prod.history")).isEqualTo(1_000);

        staging().exec("update geo.promo_batch set id = id + 1000000");
        pauseForStatistics();
        promote(body);
        assertThat(production().count("select count(*) from prod.history")).isEqualTo(2_000);
        assertThat(production().count("select count(distinct id) from prod.history")).isEqualTo(2_000);
    }

    private static JsonNode promote(String body) {
        return promote(api, body);
    }

    private static JsonNode promote(Api client, String body) {
        Api.Reply reply = client.submit("promote_data", body);
        assertThat(reply.status()).as(reply.text()).isIn(200, 201);
        JsonNode job = api.waitForFinal(reply.body().path("job_id").asText(), Duration.ofSeconds(120));
        assertThat(job.path("status").asText()).as(job.toString()).isEqualTo("completed");
        return job;
    }

    /** The statistics counters behind a table fingerprint reach the server within about a second of a commit. */
    private static void pauseForStatistics() {
        try {
            Thread.sleep(1_500);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
