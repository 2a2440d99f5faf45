package io.geoetl.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.geoetl.jobs.TaskMessage;
import io.geoetl.jobs.TaskQueue;
import io.geoetl.testing.Api;
import io.geoetl.testing.RunningRouter;
import io.geoetl.testing.TestServices;
import io.geoetl.testing.Waits;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * HTTP threads stay free: a submission answers once its job is committed, even while the task
 * queue hangs (its doorbells ring later on a bounded executor; those the executor had no room for
 * are re-sent by the janitor), and /api/health answers within a second while slow requests take
 * every request slot.
 */
class HttpThreadsStayFreeTest {
    private static final CountDownLatch queueOpen = new CountDownLatch(1);
    private static RunningRouter router;
    private static Api api;

    @BeforeAll
    static void start() {
        TestServices.get().deleteAllJobs();
        router = RunningRouter.builder().property("camel.main.routesIncludePattern", HttpForApisTest.PROBE_ROUTES)
                .property("geoetl.http.worker-threads", "12")
                .property("geoetl.http.request-slots", "8")
                .property("geoetl.doorbells.threads", "1")
                .property("geoetl.doorbells.backlog", "2")
                .property("geoetl.janitor.enabled", "false")
                .property("geoetl.janitor.lost-doorbell-after", "PT1S")
                // plan each job as soon as its submission ended, so its tasks are overdue by the sweep
                .property("geoetl.jobs.planning-quiet", "PT0S")
                .decorateTaskQueue(HangingQueue::new)
                .start();
        api = new Api(router.baseUrl());
    }

    @AfterAll
    static void stop() {
        queueOpen.countDown();
        router.close();
    }

    @Test
    void submissionsAnswerWhileTheQueueHangsAndTheJanitorRingsTheDoorbellsThereWasNoRoomFor() {
        Waits.until("the slow requests of the other test are done", Duration.ofSeconds(30), () -> slots().available() == 8);
        List<String> jobIds = new ArrayList<>();
        for (int i = 1; i <= 6; i++) {
            long started = System.nanoTime();
            Api.Reply reply = api.submit("hello_world", "{\"n\": " + (10 + i) + "}");
            assertThat(reply.status()).as(reply.text()).isEqualTo(201);
            assertThat(Duration.ofNanos(System.nanoTime() - started)).as("submission %d answered without waiting on the queue", i)
                    .isLessThan(Duration.ofSeconds(5));
            jobIds.add(reply.body().get("job_id").asText());
        }
        // one batch is being sent (hanging), two wait in the backlog, three were skipped; no task was
        // claimed, so every greet task is overdue: the janitor re-rings them (its own send waits for the queue)
        Waits.sleep(1200);
        CompletableFuture<JsonNode> sweep = CompletableFuture.supplyAsync(() -> api.post("/api/dbadmin/janitor/run", "").body());
        Waits.sleep(500);
        queueOpen.countDown();
        JsonNode report = sweep.join();
        Set<String> resentJobs = new HashSet<>();
        long resent = 0;
        for (JsonNode action : report.get("actions")) {
            if (action.get("action").asText().equals("doorbell_resent")) {
                resentJobs.add(action.get("job_id").asText());
                resent++;
            }
        }
        assertThat(resent).as("the greet tasks of the six jobs: " + report).isEqualTo(11 + 12 + 13 + 14 + 15 + 16);
        assertThat(resentJobs).containsExactlyInAnyOrderElementsOf(jobIds);
        // a doorbell says "there is work": whichever doorbells ring, the router claims every due task
        for (String jobId : jobIds) {
            assertThat(api.waitForFinal(jobId, Duration.ofSeconds(60)).get("status").asText()).isEqualTo("completed");
        }
    }

    @Test
    void healthAnswersWithinASecondWhileSlowRequestsTakeEverySlot() throws Exception {
        // a fresh router's first requests are slow (class loading, JIT): not what is measured here
        assertThat(api.get("/api/health").status()).isEqualTo(200);
        assertThat(api.get("/api/probe/slow?millis=0").status()).isEqualTo(200);
        ExecutorService clients = Executors.newFixedThreadPool(12);
        try {
            List<Future<Api.Reply>> slow = new ArrayList<>();
            for (int i = 0; i < 12; i++) {
                slow.add(clients.submit(() -> api.get("/api/probe/slow?millis=5000")));
            }
            Waits.until("every request slot taken", Duration.ofSeconds(30), () -> slots().available() == 0);
            for (int i = 0; i < 5; i++) {
                long started = System.nanoTime();
                Api.Reply health = api.get("/api/health");
                Duration took = Duration.ofNanos(System.nanoTime() - started);
                assertThat(health.status()).as(health.text()).isEqualTo(200);
                assertThat(took).as("health answer %d", i).isLessThan(Duration.ofSeconds(1));
            }
            Api.Reply another = api.get("/api/jobs");
            assertThat(another.status()).as("a request beyond the slots is refused at once").isEqualTo(503);
            assertThat(another.body().get("code").asText()).isEqualTo("busy");
            int served = 0;
            int busy = 0;
            for (Future<Api.Reply> reply : slow) {
                int status = reply.get(30, TimeUnit.SECONDS).status();
                if (status == 200) served++;
                if (status == 503) busy++;
            }
            assertThat(served).as("one slow request per slot").isEqualTo(8);
            assertThat(busy).isEqualTo(4);
        } finally {
            clients.shutdownNow();
        }
    }

    private static RequestSlots slots() {
        return router.bean("requestSlots", RequestSlots.class);
    }

    /** The task queue of the router, hanging every send until the test opens it. */
    private static final class HangingQueue implements TaskQueue {
        private final TaskQueue queue;

        HangingQueue(TaskQueue queue) {
            this.queue = queue;
        }

        @Override
        public void send(List<TaskMessage> messages, Duration delay) {
            try {
                queueOpen.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            queue.send(messages, delay);
        }
    }
}
