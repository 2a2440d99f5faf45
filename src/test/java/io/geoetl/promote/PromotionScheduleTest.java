package io.geoetl.promote;

import static io.geoetl.promote.PromotionTestSupport.createSourceTable;
import static io.geoetl.promote.PromotionTestSupport.digest;
import static io.geoetl.promote.PromotionTestSupport.production;
import static io.geoetl.promote.PromotionTestSupport.staging;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.geoetl.testing.Api;
import io.geoetl.testing.RunningRouter;
import io.geoetl.testing.TestServices;
import io.geoetl.testing.Waits;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The Quartz schedule (routes/promotion.yaml) with a cron firing every second: it submits
 * promote_data for each configured pair, runs nothing again for an unchanged source, and skips
 * (recording why) a new version whose target is still being written by the previous promotion.
 */
class PromotionScheduleTest {
    private static final Duration WAIT = Duration.ofSeconds(90);
    private static RunningRouter router;
    private static Api api;
    private static Connection lockHolder;

    @BeforeAll
    static void start() throws Exception {
        TestServices.get().deleteAllJobs();
        staging().exec("truncate app.promotions, app.promotion_schedule_events");
        createSourceTable("geo", "sched_steady", 200);
        createSourceTable("geo", "sched_busy", 300);
        production().exec("create schema if not exists prod");
        production().exec("drop table if exists prod.sched_steady");
        production().exec("drop table if exists prod.sched_busy");
        production().exec("create table prod.sched_busy (id bigint, name text, score double precision, geom geometry)");
        // the first promotion of prod.sched_busy copies, then waits at its swap until this lock goes
        lockHolder = production().connect();
        lockHolder.setAutoCommit(false);
        try (Statement s = lockHolder.createStatement()) {
            s.execute("lock table prod.sched_busy in access exclusive mode");
        }
        router = PromotionTestSupport.router()
                .property("geoetl.promote.schedule.enabled", "true")
                .property("geoetl.promote.schedule.cron", "0/1 * * * * ?")
                .property("geoetl.promote.schedule.pairs", "geo.sched_steady:prod.sched_steady, geo.sched_busy:prod.sched_busy")
                .start();
        api = new Api(router.baseUrl());
    }

    @AfterAll
    static void stop() throws Exception {
        lockHolder.close();
        router.close();
    }

    @Test
    void firesPromotesOnceAndSkipsATargetStillBeingWritten() throws Exception {
        JsonNode steady = Waits.until("the scheduled promotion of prod.sched_steady", WAIT,
                () -> api.get("/api/promotions?target=prod.sched_steady&status=completed").body().path("promotions"), list -> list.size() == 1);
        assertThat(steady.get(0).path("requested_by").asText()).isEqualTo("schedule:promotion");
        assertThat(digest(production(), "prod.sched_steady")).isEqualTo(digest(staging(), "geo.sched_steady"));

        String busyJob = Waits.until("the first scheduled promotion of prod.sched_busy", WAIT,
                () -> submittedJob("prod.sched_busy"), id -> id != null);
        Waits.until("that promotion waiting at its swap", WAIT,
                () -> api.get("/api/jobs/" + busyJob).body().path("stage_name").asText().equals("verify"));

        staging().exec("update geo.sched_busy set score = -score");
        JsonNode skipped = Waits.until("a skipped run for prod.sched_busy", WAIT,
                () -> api.get("/api/promotion-schedule/events?target=prod.sched_busy&outcome=skipped").body().path("events"), e -> e.size() > 0);
        assertThat(skipped.get(0).path("blocking_job").asText()).isEqualTo(busyJob);
        assertThat(skipped.get(0).path("job_id").asText()).isNotEqualTo(busyJob);
        assertThat(skipped.get(0).path("reason").asText()).contains("the previous promotion of prod.sched_busy (job " + busyJob
                + ") is still queued or running");

        lockHolder.rollback();
        Waits.until("the new version of geo.sched_busy promoted", WAIT,
                () -> digest(production(), "prod.sched_busy").equals(digest(staging(), "geo.sched_busy")));
        assertThat(api.get("/api/jobs/" + busyJob).body().path("status").asText()).isEqualTo("completed");

        // several more firings: unchanged sources, no new jobs
        Thread.sleep(3_000);
        assertThat(staging().count("select count(*) from app.jobs where job_type = 'promote_data' and parameters ->> 'target' = 'prod.sched_steady'"))
                .isEqualTo(1);
        assertThat(staging().count("select count(*) from app.jobs where job_type = 'promote_data' and parameters ->> 'target' = 'prod.sched_busy'"))
                .isEqualTo(2);
    }

    private static String submittedJob(String target) {
        JsonNode events = api.get("/api/promotion-schedule/events?outcome=submitted&target=" + target).body().path("events");
        return events.size() == 0 ? null : events.get(events.size() - 1).path("job_id").asText();
    }
}
