import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A burst as a new user would make it: 32 clients submit 401 distinct hello_world jobs at once
 * (n = 20..420, 88,220 greet tasks + as many replies) to a router process (BURST_ROUTERS of them
 * on one queue). Prints: every submission answered or not, submit latency p50/p99/max,
 * /api/health/live latency p50/p99/max while the burst is submitted and drained, the time until
 * every task completed, and the exactly-once check (one processing event per task). Each client
 * has a connection of its own (HTTP/1.1), as separate programs would; BURST_WARMUP_ROUNDS first
 * rehearses the burst uncounted.
 */
public final class BurstBench {
    // BURST_CLIENTS, BURST_FIRST_N and BURST_LAST_N make a smaller burst (e.g. 8 clients, n 20-79: 60 jobs)
    static final int CLIENTS = Integer.parseInt(System.getenv().getOrDefault("BURST_CLIENTS", "32"));
    static final int FIRST_N = Integer.parseInt(System.getenv().getOrDefault("BURST_FIRST_N", "20"));
    static final int LAST_N = Integer.parseInt(System.getenv().getOrDefault("BURST_LAST_N", "420"));
    static final int ROUTERS = Integer.parseInt(System.getenv().getOrDefault("BURST_ROUTERS", "1"));
    static final String DB_URL = System.getenv().getOrDefault("GEOETL_DB_URL", "jdbc:postgresql://127.0.0.1:55432/geoetl");
    /**
     * The submitters' client: HTTP/1.1, so 32 clients are 32 connections as 32 separate programs
     * (curl, requests) would open; the JDK's default HTTP/2 multiplexed all of them on one.
     */
    static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(10)).build();
    /** The probe's own client: sharing the submitters' (one selector thread, one connection pool) added their waits to its figures. */
    static final HttpClient PROBE_HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();

    public static void main(String[] args) throws Exception {
        String queue = "burst-" + UUID.randomUUID().toString().substring(0, 8);
        List<Process> routers = new ArrayList<>();
        try {
            for (int i = 0; i < ROUTERS; i++) routers.add(OrchestrationBench.startRouter(queue, "burst-r" + (i + 1), 18280 + i));
            for (int i = 0; i < ROUTERS; i++) OrchestrationBench.waitReady(18280 + i);
            deleteBurstJobs(); // after start-up: the first router migrates the database
            String base = "http://127.0.0.1:18280";
            for (int round = 1; round <= WARMUP_ROUNDS; round++) rehearse(base, round);

            List<Double> health = new CopyOnWriteArrayList<>();
            AtomicInteger healthFailures = new AtomicInteger();
            AtomicBoolean probing = new AtomicBoolean(true);
            Thread prober = new Thread(() -> probe(base, health, healthFailures, probing));
            prober.start();

            List<Double> submitMs = new CopyOnWriteArrayList<>();
            List<String> unanswered = new CopyOnWriteArrayList<>();
            long start = System.nanoTime();
            submitAll(base, "", submitMs, unanswered);
            double submitted = (System.nanoTime() - start) / 1e9;
            List<Double> healthDuringSubmissions = List.copyOf(health);
            System.out.printf(Locale.ROOT, "%nsubmitted: %d answered, %d without an answer within 60 s, latency %s, all after %.1f s; "
                    + "/api/health/live so far %s (%d failed)%n", submitMs.size(), unanswered.size(), percentiles(submitMs), submitted,
                    percentiles(health), healthFailures.get());
            waitAllFinal(start, routers);
            double drained = (System.nanoTime() - start) / 1e9;
            probing.set(false);
            prober.join();

            long tasks = scalar("select count(*) from app.tasks t join app.jobs j on j.job_id = t.job_id where " + BURST_JOBS);
            long completedOnce = scalar("select count(*) from app.tasks t join app.jobs j on j.job_id = t.job_id where " + BURST_JOBS
                    + " and t.status = 'completed' and t.attempt = 1");
            long twice = scalar("select count(*) from (select e.task_id from app.job_events e join app.jobs j on j.job_id = e.job_id where "
                    + BURST_JOBS + " and e.task_id is not null and e.to_status = 'processing' group by e.task_id having count(*) > 1) x");
            long completedJobs = scalar("select count(*) from app.jobs j where " + BURST_JOBS + " and j.status = 'completed'");

            System.out.printf(Locale.ROOT, "%nburst: %d clients, %d hello_world jobs (n %d-%d), %d router(s)%n", CLIENTS, LAST_N - FIRST_N + 1,
                    FIRST_N, LAST_N, ROUTERS);
            System.out.printf(Locale.ROOT, "  submissions answered          %d of %d (%d without an answer within 60 s)%n",
                    submitMs.size(), LAST_N - FIRST_N + 1, unanswered.size());
            System.out.printf(Locale.ROOT, "  submit latency                %s%n", percentiles(submitMs));
            System.out.printf(Locale.ROOT, "  all submitted after           %.1f s%n", submitted);
            System.out.printf(Locale.ROOT, "  /api/health/live latency      during the submissions %s over %d probes; whole run %s over %d probes, "
                    + "%d failed%n", percentiles(healthDuringSubmissions), healthDuringSubmissions.size(), percentiles(health), health.size(),
                    healthFailures.get());
            System.out.printf(Locale.ROOT, "  every task completed after    %.1f s (%d jobs completed, %d tasks, %.1f tasks/s)%n", drained, completedJobs,
                    tasks, tasks / drained);
            System.out.printf(Locale.ROOT, "  exactly once                  %d of %d tasks completed on their first attempt, %d claimed twice%n",
                    completedOnce, tasks, twice);
        } finally {
            for (Process p : routers) p.destroy();
            for (Process p : routers) p.waitFor();
            OrchestrationBench.deleteQueue(queue);
        }
    }

    /**
     * Uncounted rehearsals of the whole burst before the measured one (BURST_WARMUP_ROUNDS, default
     * 0: a router just started, as a new user meets it): the same jobs marked with a harmless
     * transient_failures = round (no task fails without fail_transiently), so their ids differ and
     * they stay in the database like any finished job; the measured burst then meets a router whose
     * JIT has compiled the submission and task paths. Deleting them instead would leave their
     * doorbells in the queue naming tasks that no longer exist, which are parked one by one ahead
     * of the measured burst's doorbells.
     */
    static final int WARMUP_ROUNDS = Integer.parseInt(System.getenv().getOrDefault("BURST_WARMUP_ROUNDS", "0"));

    static void rehearse(String base, int round) throws Exception {
        long start = System.nanoTime();
        List<Double> submitMs = new CopyOnWriteArrayList<>();
        List<String> unanswered = new CopyOnWriteArrayList<>();
        submitAll(base, ", \"transient_failures\": " + round, submitMs, unanswered);
        double submitted = (System.nanoTime() - start) / 1e9;
        while (scalar("select count(*) from app.jobs j where " + REHEARSAL_JOBS + " and j.status in ('queued', 'processing')") > 0) {
            Thread.sleep(1000);
        }
        System.out.printf(Locale.ROOT, "rehearsal %d (uncounted): %d answered, submit latency %s, all after %.1f s, drained after %.1f s%n", round,
                submitMs.size(), percentiles(submitMs), submitted, (System.nanoTime() - start) / 1e9);
    }

    /** The burst itself: CLIENTS threads submit every n of FIRST_N..LAST_N once ({@code more}: further parameters). */
    static void submitAll(String base, String more, List<Double> submitMs, List<String> unanswered) throws InterruptedException {
        ConcurrentLinkedQueue<Integer> todo = new ConcurrentLinkedQueue<>();
        for (int n = FIRST_N; n <= LAST_N; n++) todo.add(n);
        ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
        for (int c = 0; c < CLIENTS; c++) {
            clients.execute(() -> {
                Integer n;
                while ((n = todo.poll()) != null) submit(base, n, more, submitMs, unanswered);
            });
        }
        clients.shutdown();
        clients.awaitTermination(30, TimeUnit.MINUTES);
    }

    static final String ALL_BURST_JOBS = "j.job_type = 'hello_world' and (j.parameters->>'n')::int between " + FIRST_N + " and " + LAST_N;
    static final String BURST_JOBS = ALL_BURST_JOBS + " and not j.parameters ? 'transient_failures'";
    static final String REHEARSAL_JOBS = ALL_BURST_JOBS + " and j.parameters ? 'transient_failures'";

    static void submit(String base, int n, String more, List<Double> submitMs, List<String> unanswered) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + "/api/jobs/submit/hello_world"))
                .timeout(Duration.ofSeconds(60)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"n\": " + n + more + "}"));
        String apiKey = System.getenv("GEOETL_API_KEY");
        if (apiKey != null) request.header("X-API-Key", apiKey);
        long t = System.nanoTime();
        try {
            HttpResponse<String> reply = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
            if (reply.statusCode() != 201 && reply.statusCode() != 200) throw new IOException("HTTP " + reply.statusCode() + ": " + reply.body());
            submitMs.add((System.nanoTime() - t) / 1e6);
        } catch (IOException | InterruptedException e) {
            unanswered.add(n + ": " + e);
        }
    }

    /** Pause between two live probes (BURST_PROBE_INTERVAL_MS): short enough that the few seconds of submissions get dozens. */
    static final long PROBE_INTERVAL_MS = Long.parseLong(System.getenv().getOrDefault("BURST_PROBE_INTERVAL_MS", "50"));

    static void probe(String base, List<Double> health, AtomicInteger failures, AtomicBoolean probing) {
        HttpRequest live = HttpRequest.newBuilder(URI.create(base + "/api/health/live")).timeout(Duration.ofSeconds(5)).build();
        while (probing.get()) {
            long t = System.nanoTime();
            try {
                if (PROBE_HTTP.send(live, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    health.add((System.nanoTime() - t) / 1e6);
                } else {
                    failures.incrementAndGet();
                }
            } catch (IOException | InterruptedException e) {
                failures.incrementAndGet();
            }
            try {
                Thread.sleep(PROBE_INTERVAL_MS);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /**
     * Waits until every burst job ended; every 10 s prints the tasks completed in that interval
     * (tasks/s) and, per task completed, the routers' and PostgreSQL's CPU milliseconds, commits
     * and statements: whether the drain slows down, and why, independently of the machine's load.
     */
    static void waitAllFinal(long start, List<Process> routers) throws Exception {
        Sample last = Sample.take(routers);
        long lastPrint = System.nanoTime();
        while (scalar("select count(*) from app.jobs j where " + BURST_JOBS + " and j.status in ('queued', 'processing')") > 0
                || scalar("select count(*) from app.jobs j where " + BURST_JOBS) < LAST_N - FIRST_N + 1) {
            Thread.sleep(1000);
            if (System.nanoTime() - lastPrint >= 10_000_000_000L) {
                Sample now = Sample.take(routers);
                now.printSince(last, (System.nanoTime() - start) / 1e9);
                last = now;
                lastPrint = System.nanoTime();
            }
        }
    }

    /** Counters at one moment of the drain. */
    record Sample(long nanos, long completed, double routerCpu, double postgresCpu, long commits, long statements) {
        static Sample take(List<Process> routers) throws Exception {
            double cpu = 0;
            for (Process router : routers) cpu += OrchestrationBench.cpuSeconds(router.pid());
            return new Sample(System.nanoTime(), scalar(OrchestrationBench.OWN + "select count(*) from app.tasks t join app.jobs j on j.job_id = t.job_id where "
                    + BURST_JOBS + " and t.status = 'completed'"), cpu, OrchestrationBench.postgresCpu(), OrchestrationBench.dbCommits(),
                    OrchestrationBench.routerStatements());
        }

        void printSince(Sample before, double elapsed) {
            long tasks = completed - before.completed;
            double perTask = Math.max(1, tasks);
            System.out.printf(Locale.ROOT, "  %6.0f s: %6d completed, %6.1f tasks/s; per task: router CPU %.2f ms, PostgreSQL CPU %.2f ms, "
                    + "%.2f commits, %.2f statements; load %s%n", elapsed, completed, tasks / ((nanos - before.nanos) / 1e9),
                    (routerCpu - before.routerCpu) * 1000 / perTask, (postgresCpu - before.postgresCpu) * 1000 / perTask,
                    (commits - before.commits) / perTask, (statements - before.statements) / perTask, loadAverage());
        }
    }

    static String loadAverage() {
        try {
            return java.nio.file.Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
        } catch (IOException e) {
            return "?";
        }
    }

    static String percentiles(List<Double> values) {
        if (values.isEmpty()) return "none";
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return String.format(Locale.ROOT, "p50 %.0f ms, p99 %.0f ms, max %.0f ms", sorted.get(sorted.size() / 2),
                sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(sorted.size() * 0.99) - 1)), sorted.get(sorted.size() - 1));
    }

    static void deleteBurstJobs() throws Exception {
        try (Connection c = OrchestrationBench.connect(); Statement s = c.createStatement()) {
            s.execute("delete from app.jobs j where " + ALL_BURST_JOBS);
        }
    }

    static long scalar(String sql) throws Exception {
        try (Connection c = OrchestrationBench.connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
