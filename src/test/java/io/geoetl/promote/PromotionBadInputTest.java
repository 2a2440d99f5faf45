package io.geoetl.promote;

import static io.geoetl.promote.PromotionTestSupport.createSourceTable;
import static io.geoetl.promote.PromotionTestSupport.production;
import static io.geoetl.promote.PromotionTestSupport.staging;
import static org.assertj.core.api.Assertions.assertThat;

import io.geoetl.testing.Api;
import io.geoetl.testing.RunningRouter;
import io.geoetl.testing.TestServices;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Bad promote_data submissions are refused at submission (400 with every problem named) and
 * leave nothing behind: no job, no audit row, no table in production.
 */
class PromotionBadInputTest {
    private static RunningRouter router;
    private static Api api;

    @BeforeAll
    static void start() {
        TestServices.get().deleteAllJobs();
        staging().exec("truncate app.promotions");
        createSourceTable("geo", "promo_bad_src", 10);
        router = PromotionTestSupport.router().property("geoetl.promote.allowed-target-schemas", "prod").start();
        api = new Api(router.baseUrl());
    }

    @AfterAll
    static void stop() {
        router.close();
    }

    @AfterEach
    void nothingWasWritten() {
        assertThat(staging().count("select count(*) from app.jobs where job_type = 'promote_data'")).isZero();
        assertThat(staging().count("select count(*) from app.promotions")).isZero();
        assertThat(production().count("select count(*) from pg_tables where tablename in ('promo_bad', 'x') or tablename like '\\_promote\\_%'"))
                .isZero();
    }

    @Test
    void anUnknownSourceTableIsRefused() {
        Api.Reply reply = api.submit("promote_data", "{\"source\": \"geo.no_such_table\", \"target\": \"prod.promo_bad\"}");
        assertRefused(reply, "source geo.no_such_table is not a table in the staging database");
    }

    @Test
    void aTargetSchemaTheConfigurationDoesNotAllowIsRefused() {
        Api.Reply reply = api.submit("promote_data", "{\"source\": \"geo.promo_bad_src\", \"target\": \"public.promo_bad\"}");
        assertRefused(reply, "target schema public is not one promotions may write to (geoetl.promote.allowed-target-schemas: prod)");
    }

    @Test
    void namesWithSqlInThemAreRefused() {
        Api.Reply reply = api.submit("promote_data",
                "{\"source\": \"geo.promo_bad_src; drop table geo.promo_bad_src\", \"target\": \"prod.\\\"x\\\"\"}");
        assertRefused(reply, "source must be schema.table, each part matching ^[a-z_][a-z0-9_]{0,62}$, got \"geo.promo_bad_src; drop table geo.promo_bad_src\"");
        assertThat(reply.body().path("details").path("problems").toString()).contains("target must be schema.table");
        assertThat(staging().count("select count(*) from geo.promo_bad_src")).isEqualTo(10);
    }

    @Test
    void anUnknownModeOrBackendAndAMissingTargetAreAllNamed() {
        Api.Reply reply = api.submit("promote_data", "{\"source\": \"geo.promo_bad_src\", \"mode\": \"upsert\", \"backend\": \"adf\", \"colour\": 1}");
        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.body().path("details").path("problems").toString())
                .contains("target is required", "mode must be one of replace, append, got \\\"upsert\\\"",
                        "backend adf is not configured on this router", "unknown parameter colour");
    }

    @Test
    void listingFiltersAreChecked() {
        assertThat(api.get("/api/promotions?status=done").status()).isEqualTo(400);
        assertThat(api.get("/api/promotions?target=prod.x%27%20or%201=1").status()).isEqualTo(400);
        assertThat(api.get("/api/promotions/" + "0".repeat(64)).status()).isEqualTo(404);
        assertThat(api.get("/api/lineage").status()).isEqualTo(400);
        assertThat(api.get("/api/lineage?table=prod.nothing_here").status()).isEqualTo(404);
    }

    private static void assertRefused(Api.Reply reply, String problem) {
        assertThat(reply.status()).as(reply.text()).isEqualTo(400);
        assertThat(reply.body().path("code").asText()).isEqualTo("invalid_parameters");
        assertThat(reply.body().path("details").path("problems").toString()).contains(problem.replace("\"", "\\\""));
    }
}
