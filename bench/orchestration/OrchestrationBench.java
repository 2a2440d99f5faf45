import com.azure.storage.queue.QueueClient;
import com.azure.storage.queue.QueueClientBuilder;
import com.azure.storage.queue.models.QueueMessageItem;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * hello_world n=N (2N tasks) through 1, 2 and 4 router processes on one queue (each router with
 * the same concurrency), on the local default services, side by side: tasks/s, database time per
 * task (pg_stat_database.active_time), task queue operations per task (send + receive polls +
 * delete, from each router's /api/metrics), CPU seconds of each router, of Azurite and of
 * PostgreSQL; then the bare queue loop (send, receive, delete of 2N messages) as the reference.
 * Figures that do not move with the machine's load: commits per task (pg_stat_database, the
 * bench's own polls subtracted), statements per task (pg_stat_statements, when the extension is
 * installed in the database) and CPU milliseconds per task. Where the limit lies: the cores our
 * processes used next to the cores the whole machine was busy (/proc/stat), and how many of the
 * routers' database backends were running or waiting for a lock (pg_stat_activity every 20 ms).
 * Before measuring, each run completes
 * hello_world warm-up jobs (n=BENCH_WARMUP, default 900) until every router has claimed at least
 * 2 × BENCH_WARMUP tasks, so that no router's JIT compilation of the task path is counted as the cost
 * of a task. Per run, the costliest statements (pg_stat_statements) are listed per task. BENCH_ROUTERS picks the router counts
 * (default 1,2,4); BENCH_JAVA_OPTS adds JVM options to every router (e.g. a JFR recording,
 * {name} is replaced by the router's name).
 */
public final class OrchestrationBench {
    static final int N = Integer.parseInt(System.getenv().getOrDefault("BENCH_N", "1000"));
    static final int CONCURRENCY = Integer.parseInt(System.getenv().getOrDefault("BENCH_CONCURRENCY", "8"));
    static final String DB_URL = System.getenv().getOrDefault("GEOETL_DB_URL", "jdbc:postgresql://127.0.0.1:55432/geoetl");
    static final String STORAGE = System.getenv("GEOETL_STORAGE_CONNECTION_STRING");
    static final String STATE = System.getenv().getOrDefault("GEOETL_STATE_DIR", ".state");
    static final Pattern QUEUE_OPS = Pattern.compile("(?m)^geoetl_task_queue_operations_total\\{[^}]*} ([0-9.eE+]+)$");
    static final HttpClient HTTP = HttpClient.newHttpClient();
    /** hello_world n of the warm-up jobs each run completes before measuring (0: none). */
    static final int WARMUP = Integer.parseInt(System.getenv().getOrDefault("BENCH_WARMUP", "900"));
    static final String ROUTERS = System.getenv().getOrDefault("BENCH_ROUTERS", "1,2,4");
    static final String JAVA_OPTS = System.getenv().getOrDefault("BENCH_JAVA_OPTS", "").trim();
    /** Statements listed per run, the costliest first (BENCH_STATEMENTS). */
    static final int STATEMENTS_SHOWN = Integer.parseInt(System.getenv().getOrDefault("BENCH_STATEMENTS", "12"));
    /** HTTP port of the first router; the others take the next ones (BENCH_PORT, so that benches on one machine do not collide). */
    static final int FIRST_PORT = Integer.parseInt(System.getenv().getOrDefault("BENCH_PORT", "18180"));
    /** Marks the bench's own queries, so that pg_stat_statements figures leave them out. */
    static final String OWN = "/* bench */ ";

    public static void main(String[] args) throws Exception {
        List<Run> runs = new ArrayList<>();
        for (String routers : ROUTERS.split(",")) {
            runs.add(run(Integer.parseInt(routers.trim())));
        }
        // BENCH_BARE=0 skips the reference loop (profiling runs)
        double bare = "0".equals(System.getenv("BENCH_BARE")) ? Double.NaN : bareQueueSeconds(2 * N);
        print(runs, bare);
    }

    record Run(int routers, double seconds, double dbMsPerTask, double queueOpsPerTask, List<Double> routerCpu,
               double azuriteCpu, double postgresCpu, List<Long> tasksPerRouter, double commitsPerTask, double statementsPerTask,
               double machineBusyCores, Waits waits, List<StatementCost> statements) {}

    /** One statement's share of a run (pg_stat_statements, difference over the run). */
    record StatementCost(String query, long calls, double totalMs, long rows, long blocksHit) {}

    /**
     * pg_stat_activity sampled every 20 ms during a run: the mean number of the routers' backends
     * running a statement, and of those waiting for a lock (a row, a tuple, the job's advisory lock).
     */
    record Waits(int samples, double active, double lockWaiting) {}

    /** Samples pg_stat_activity on its own connection until stopped; its queries are counted so that commits leave them out. */
    static final class WaitSampler extends Thread {
        private volatile boolean running = true;
        private int samples;
        private long active;
        private long lockWaiting;

        @Override
        public void run() {
            try (Connection c = connect(); Statement s = c.createStatement()) {
                while (running) {
                    try (ResultSet rs = s.executeQuery(OWN + "select count(*) filter (where state = 'active'), "
                            + "count(*) filter (where wait_event_type = 'Lock') from pg_stat_activity "
                            + "where datname = current_database() and pid <> pg_backend_pid() and query not like '/* bench */%'")) {
                        rs.next();
                        active += rs.getLong(1);
                        lockWaiting += rs.getLong(2);
                        samples++;
                    }
                    Thread.sleep(20);
                }
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }

        Waits finish() throws InterruptedException {
            running = false;
            join();
            return new Waits(samples, (double) active / Math.max(1, samples), (double) lockWaiting / Math.max(1, samples));
        }
    }

    /** Busy and total jiffies of the whole machine (/proc/stat), every core summed. */
    static long[] machineJiffies() throws IOException {
        String[] fields = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
        long total = 0;
        for (int i = 1; i < fields.length && i <= 8; i++) total += Long.parseLong(fields[i]);
        long idle = Long.parseLong(fields[4]) + Long.parseLong(fields[5]);
        return new long[] {total - idle, total};
    }

    static Run run(int routers) throws Exception {
        String queue = "bench-" + UUID.randomUUID().toString().substring(0, 8);
        List<Process> processes = new ArrayList<>();
        List<Integer> ports = new ArrayList<>();
        try {
            for (int i = 0; i < routers; i++) {
                int port = FIRST_PORT + i;
                ports.add(port);
                processes.add(startRouter(queue, "bench-r" + (i + 1), port));
            }
            for (int port : ports) waitReady(port);
            deleteHelloJobs(N); // after start-up: the first router migrates the database
            if (WARMUP > 0) warmUp(ports);
            double opsBefore = 0;
            for (int port : ports) opsBefore += queueOps(port);
            List<Double> cpuBefore = new ArrayList<>();
            for (Process p : processes) cpuBefore.add(cpuSeconds(p.pid()));
            double azuriteBefore = cpuSeconds(azuritePid());
            double pgBefore = postgresCpu();
            double activeBefore = dbActiveMs();
            long commitsBefore = dbCommits();
            long statementsBefore = routerStatements();
            Map<Long, StatementCost> perStatementBefore = statementCosts();

            long[] jiffiesBefore = machineJiffies();
            WaitSampler sampler = new WaitSampler();
            sampler.start();
            long start = System.nanoTime();
            String jobId = submit(ports.get(0), N);
            int polls = waitCompleted(jobId);
            double seconds = (System.nanoTime() - start) / 1e9;
            Waits waits = sampler.finish();
            long[] jiffiesAfter = machineJiffies();
            double busyCores = Runtime.getRuntime().availableProcessors() * (double) (jiffiesAfter[0] - jiffiesBefore[0])
                    / (jiffiesAfter[1] - jiffiesBefore[1]);
            Thread.sleep(1500); // backends publish their statistics within a second

            double activeMs = dbActiveMs() - activeBefore;
            // the bench's own reads between the two counts: one per poll, plus dbActiveMs and routerStatements
            long commits = dbCommits() - commitsBefore - polls - waits.samples() - 2;
            long statements = routerStatements() - statementsBefore;
            List<StatementCost> perStatement = difference(statementCosts(), perStatementBefore);
            double opsAfter = 0;
            for (int port : ports) opsAfter += queueOps(port);
            List<Double> cpu = new ArrayList<>();
            for (int i = 0; i < processes.size(); i++) cpu.add(cpuSeconds(processes.get(i).pid()) - cpuBefore.get(i));
            int tasks = 2 * N;
            return new Run(routers, seconds, activeMs / tasks, (opsAfter - opsBefore) / tasks, cpu,
                    cpuSeconds(azuritePid()) - azuriteBefore, postgresCpu() - pgBefore, tasksPerRouter(jobId, routers),
                    (double) commits / tasks, statementsBefore < 0 ? Double.NaN : (double) statements / tasks, busyCores, waits, perStatement);
        } finally {
            for (Process p : processes) p.destroy();
            for (Process p : processes) p.waitFor();
            deleteQueue(queue);
        }
    }

    /**
     * The JIT compiles the task path during the first few hundred tasks a router runs: before
     * measuring, warm-up jobs (hello_world n=WARMUP, WARMUP-1, …, never N, each submitted to the next
     * router) run until every router has claimed at least 2 × WARMUP tasks, so that no router's
     * warm-up falls inside the measured window (one submission does not reach every router: whoever
     * answers its doorbells first claims most of it). With 500 tasks per router, two routers each
     * still spent 0.2 ms more CPU per task than one router with 2,000 tasks behind it; from 1,800 on,
     * the same.
     */
    static void warmUp(List<Integer> ports) throws Exception {
        List<String> jobs = new ArrayList<>();
        for (int round = 0; round < 4 * ports.size() && WARMUP - round > 0; round++) {
            int n = WARMUP - round;
            if (n == N) continue; // the measured job's id
            deleteHelloJobs(n);
            String jobId = submit(ports.get(round % ports.size()), n);
            waitCompleted(jobId);
            jobs.add(jobId);
            List<Long> claimed = tasksPerRouter(jobs, ports.size());
            if (claimed.stream().allMatch(c -> c >= 2L * WARMUP)) {
                System.out.printf(Locale.ROOT, "%d router(s) warmed up: %s tasks claimed each in %d job(s)%n", ports.size(), claimed, jobs.size());
                return;
            }
        }
        System.out.printf(Locale.ROOT, "%d router(s): warm-up left a router below %d tasks: %s%n", ports.size(), 2 * WARMUP,
                tasksPerRouter(jobs, ports.size()));
    }

    static Process startRouter(String queue, String name, int port) throws IOException {
        String javaBin = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(List.of(javaBin, "--enable-native-access=ALL-UNNAMED", "-Xmx512m"));
        if (!JAVA_OPTS.isEmpty()) command.addAll(List.of(JAVA_OPTS.replace("{name}", name).split("\\s+")));
        command.addAll(List.of("-Dorg.slf4j.simpleLogger.defaultLogLevel=warn",
                "-Dcamel.server.port=" + port, "-Dgeoetl.queue.tasks=" + queue, "-Dgeoetl.queue.poison=" + queue + "-poison",
                "-Dgeoetl.worker.id=" + name, "-Dgeoetl.worker.concurrency=" + CONCURRENCY,
                "-Dgeoetl.blob-drop.poll.enabled=false", "-Dgeoetl.blob-drop.inbox.enabled=false",
                "-cp", System.getProperty("java.class.path"), "io.geoetl.GeoetlMain"));
        Path log = Path.of("target", "bench-orchestration", name + ".log");
        return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }

    static void waitReady(int port) throws Exception {
        long deadline = System.nanoTime() + 600_000_000_000L;
        while (System.nanoTime() < deadline) {
            try {
                if (HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/health/ready")).build(),
                        HttpResponse.BodyHandlers.ofString()).statusCode() == 200) return;
            } catch (IOException notYet) {
                // still starting
            }
            Thread.sleep(500);
        }
        throw new IllegalStateException("router on port " + port + " not ready within 600 s (a loaded machine starts JVMs slowly)");
    }

    static String submit(int port, int n) throws Exception {
        HttpRequest.Builder submit = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/jobs/submit/hello_world"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{\"n\": " + n + "}"));
        String apiKey = System.getenv("GEOETL_API_KEY");
        if (apiKey != null) submit.header("X-API-Key", apiKey);
        String body = HTTP.send(submit.build(), HttpResponse.BodyHandlers.ofString()).body();
        Matcher id = Pattern.compile("\"job_id\"\\s*:\\s*\"([0-9a-f]{64})\"").matcher(body);
        if (!id.find()) throw new IllegalStateException("submission refused: " + body);
        return id.group(1);
    }

    /** Returns how many times it asked (each poll is one commit). */
    static int waitCompleted(String jobId) throws Exception {
        int polls = 0;
        try (Connection c = connect(); Statement s = c.createStatement()) {
            while (true) {
                polls++;
                try (ResultSet rs = s.executeQuery(OWN + "select status from app.jobs where job_id = '" + jobId + "'")) {
                    rs.next();
                    String status = rs.getString(1);
                    if (status.equals("completed")) return polls;
                    if (status.equals("failed")) throw new IllegalStateException("bench job failed");
                }
                Thread.sleep(20);
            }
        }
    }

    static double queueOps(int port) throws Exception {
        String text = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/metrics")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        double total = 0;
        Matcher m = QUEUE_OPS.matcher(text);
        while (m.find()) total += Double.parseDouble(m.group(1));
        return total;
    }

    static List<Long> tasksPerRouter(String jobId, int routers) throws Exception {
        return tasksPerRouter(List.of(jobId), routers);
    }

    static List<Long> tasksPerRouter(List<String> jobIds, int routers) throws Exception {
        String ids = "'" + String.join("','", jobIds) + "'";
        List<Long> counts = new ArrayList<>();
        try (Connection c = connect(); Statement s = c.createStatement()) {
            for (int i = 1; i <= routers; i++) {
                try (ResultSet rs = s.executeQuery("select count(*) from app.tasks where job_id in (" + ids
                        + ") and claimed_by = 'bench-r" + i + "'")) {
                    rs.next();
                    counts.add(rs.getLong(1));
                }
            }
        }
        return counts;
    }

    /** Milliseconds the database's backends spent executing statements so far (PostgreSQL 14+). */
    static double dbActiveMs() throws Exception {
        try (Connection c = connect(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery(OWN + "select active_time from pg_stat_database where datname = current_database()")) {
            rs.next();
            return rs.getDouble(1);
        }
    }

    /** Transactions committed in the database so far. */
    static long dbCommits() throws Exception {
        try (Connection c = connect(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery(OWN + "select xact_commit from pg_stat_database where datname = current_database()")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** Statements the routers ran so far (pg_stat_statements, without the bench's own); -1 without the extension. */
    static long routerStatements() throws Exception {
        try (Connection c = connect(); Statement s = c.createStatement()) {
            try (ResultSet rs = s.executeQuery(OWN + "select count(*) from pg_extension where extname = 'pg_stat_statements'")) {
                rs.next();
                if (rs.getInt(1) == 0) return -1;
            }
            try (ResultSet rs = s.executeQuery(OWN + "select coalesce(sum(calls), 0)::bigint from pg_stat_statements s "
                    + "join pg_database d on d.oid = s.dbid where d.datname = current_database() and s.query not like '/* bench */%'")) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    /** The routers' statements so far by query id (pg_stat_statements); empty without the extension. */
    static Map<Long, StatementCost> statementCosts() throws Exception {
        Map<Long, StatementCost> costs = new HashMap<>();
        if (routerStatements() < 0) return costs;
        try (Connection c = connect(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery(OWN + "select s.queryid, s.query, s.calls, s.total_exec_time, s.rows, s.shared_blks_hit "
                     + "from pg_stat_statements s join pg_database d on d.oid = s.dbid "
                     + "where d.datname = current_database() and s.query not like '/* bench */%'")) {
            while (rs.next()) {
                costs.merge(rs.getLong(1), new StatementCost(rs.getString(2), rs.getLong(3), rs.getDouble(4), rs.getLong(5), rs.getLong(6)),
                        (a, b) -> new StatementCost(a.query(), a.calls() + b.calls(), a.totalMs() + b.totalMs(), a.rows() + b.rows(),
                                a.blocksHit() + b.blocksHit()));
            }
        }
        return costs;
    }

    /** What each statement cost between two snapshots, the costliest first. */
    static List<StatementCost> difference(Map<Long, StatementCost> after, Map<Long, StatementCost> before) {
        List<StatementCost> costs = new ArrayList<>();
        after.forEach((id, a) -> {
            StatementCost b = before.getOrDefault(id, new StatementCost(a.query(), 0, 0, 0, 0));
            if (a.calls() > b.calls()) {
                costs.add(new StatementCost(a.query(), a.calls() - b.calls(), a.totalMs() - b.totalMs(), a.rows() - b.rows(),
                        a.blocksHit() - b.blocksHit()));
            }
        });
        costs.sort(Comparator.comparingDouble(StatementCost::totalMs).reversed());
        return costs;
    }

    /** user + system CPU seconds of a process (Linux /proc). */
    static double cpuSeconds(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", String.valueOf(pid), "stat"));
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return (Long.parseLong(fields[11]) + Long.parseLong(fields[12]) + Long.parseLong(fields[13]) + Long.parseLong(fields[14])) / 100.0;
        } catch (IOException | RuntimeException gone) {
            return 0;
        }
    }

    static long azuritePid() throws IOException {
        return Long.parseLong(Files.readString(Path.of(STATE, "azurite.pid")).trim());
    }

    /** CPU seconds of the postmaster and every backend it started. */
    static double postgresCpu() throws IOException {
        long postmaster = Long.parseLong(Files.readAllLines(Path.of(Files.readString(Path.of(STATE, "pgdata.path")).trim(), "postmaster.pid")).get(0).trim());
        double total = cpuSeconds(postmaster);
        try (var procs = Files.list(Path.of("/proc"))) {
            for (Path proc : procs.filter(p -> p.getFileName().toString().matches("\\d+")).toList()) {
                try {
                    String stat = Files.readString(proc.resolve("stat"));
                    String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                    if (Long.parseLong(fields[1]) == postmaster) total += cpuSeconds(Long.parseLong(proc.getFileName().toString()));
                } catch (IOException | RuntimeException gone) {
                    // process ended while listing
                }
            }
        }
        return total;
    }

    /** Reference: what the queue alone costs for the same number of messages (one message per task). */
    static double bareQueueSeconds(int messages) {
        QueueClient queue = new QueueClientBuilder().connectionString(STORAGE)
                .queueName("bench-bare-" + UUID.randomUUID().toString().substring(0, 8)).buildClient();
        queue.create();
        try {
            long start = System.nanoTime();
            for (int i = 0; i < messages; i++) {
                queue.sendMessage("{\"job_id\":\"x\",\"task_id\":\"" + i + "\"}");
            }
            int received = 0;
            while (received < messages) {
                for (QueueMessageItem item : queue.receiveMessages(32)) {
                    queue.deleteMessage(item.getMessageId(), item.getPopReceipt());
                    received++;
                }
            }
            return (System.nanoTime() - start) / 1e9;
        } finally {
            queue.delete();
        }
    }

    static void deleteQueue(String name) {
        for (String queue : List.of(name, name + "-poison")) {
            try {
                new QueueClientBuilder().connectionString(STORAGE).queueName(queue).buildClient().delete();
            } catch (RuntimeException absent) {
                // never created
            }
        }
    }

    static void deleteHelloJobs(int n) throws Exception {
        try (Connection c = connect(); Statement s = c.createStatement()) {
            s.execute("delete from app.jobs where job_type = 'hello_world' and parameters->>'n' = '" + n + "'");
        }
    }

    static Connection connect() throws Exception {
        return DriverManager.getConnection(DB_URL, System.getenv().getOrDefault("GEOETL_DB_USER", "postgres"),
                System.getenv().getOrDefault("GEOETL_DB_PASSWORD", ""));
    }

    /** CPU seconds of the routers, PostgreSQL and Azurite in a run. */
    static double ourCpu(Run r) {
        return r.routerCpu().stream().mapToDouble(Double::doubleValue).sum() + r.postgresCpu() + r.azuriteCpu();
    }

    static void print(List<Run> runs, double bare) {
        int tasks = 2 * N;
        System.out.printf(Locale.ROOT, "%nhello_world n=%d: %d tasks, concurrency %d per router%n", N, tasks, CONCURRENCY);
        System.out.printf(Locale.ROOT, "%-34s", "routers");
        for (Run r : runs) System.out.printf(Locale.ROOT, "%14d", r.routers());
        System.out.printf(Locale.ROOT, "%n%-34s", "seconds");
        for (Run r : runs) System.out.printf(Locale.ROOT, "%14.2f", r.seconds());
        System.out.printf(Locale.ROOT, "%n%-34s", "tasks/s");
        for (Run r : runs) System.out.printf(Locale.ROOT, "%14.1f", tasks / r.seconds());
        System.out.printf(Locale.ROOT, "%n%-34s", "x one router");
        for (Run r : runs) System.out.printf(Locale.ROOT, "%14.2f", runs.get(0).seconds() / r.seconds());
        System.out.printf(Locale.ROOT, "%n%-34s", "DB active ms per task");
        for (Run r : runs) System.out.printf(Locale.ROOT, "%14.3f", r.dbMsPerTask());
        System.out.printf(Locale.ROOT, "%n%-34s", "commits per task");
        for (Run r : runs) System.out.printf(Locale.ROOT, "%14.3f", r.commitsPerTask());
        System.out.printf(Locale.ROOT, "%n%-34s", "statements per task");
        for (Run r : runs) System.out.printf(Locale.ROOT, "%14.2f", r.statementsPerTask());
        System.out.printf(Locale.ROOT, "%n%-34s", "router CPU ms per task (all)");
        for (Run r : runs) System.out.printf(Locale.ROOT, "%14.2f", r.routerCpu().stream().mapToDouble(Double::doubleValue).sum() * 1000 / tasks);
        System.out.printf(Locale.ROOT, "%n%-34s", "PostgreSQL CPU ms per task");
        for (Run r : runs) System.out.printf(Locale.ROOT, "%14.2f", r.postgresCpu() * 1000 / tasks);
        System.out.printf(Locale.ROOT, "%n%-34s", "all CPU ms per task (ours)");
        for (Run r : runs) System.out.printf(Locale.ROOT, "%14.2f", ourCpu(r) * 1000 / tasks);
        System.out.printf(Locale.ROOT, "%n%-34s", "cores used: ours / whole machine");
        for (Run r : runs) System.out.printf(Locale.ROOT, "%14s", String.format(Locale.ROOT, "%.2f/%.2f", ourCpu(r) / r.seconds(),
                r.machineBusyCores()));
        System.out.printf(Locale.ROOT, "%n%-34s", "DB backends active / lock-waiting");
        for (Run r : runs) System.out.printf(Locale.ROOT, "%14s", String.format(Locale.ROOT, "%.2f/%.3f", r.waits().active(),
                r.waits().lockWaiting()));
        System.out.printf(Locale.ROOT, "%n%-34s", "queue operations per task");
        for (Run r : runs) System.out.printf(Locale.ROOT, "%14.4f", r.queueOpsPerTask());
        System.out.printf(Locale.ROOT, "%n%-34s", "router CPU s (each)");
        for (Run r : runs) {
            StringBuilder each = new StringBuilder();
            for (double c : r.routerCpu()) each.append(each.length() == 0 ? "" : "/").append(String.format(Locale.ROOT, "%.1f", c));
            System.out.printf(Locale.ROOT, "%14s", each);
        }
        System.out.printf(Locale.ROOT, "%n%-34s", "tasks claimed (each router)");
        for (Run r : runs) {
            StringBuilder each = new StringBuilder();
            for (long c : r.tasksPerRouter()) each.append(each.length() == 0 ? "" : "/").append(c);
            System.out.printf(Locale.ROOT, "%14s", each);
        }
        System.out.printf(Locale.ROOT, "%n%-34s", "Azurite CPU s");
        for (Run r : runs) System.out.printf(Locale.ROOT, "%14.1f", r.azuriteCpu());
        System.out.printf(Locale.ROOT, "%n%-34s", "PostgreSQL CPU s (all backends)");
        for (Run r : runs) System.out.printf(Locale.ROOT, "%14.1f", r.postgresCpu());
        for (Run r : runs) {
            if (r.statements().isEmpty()) continue;
            System.out.printf(Locale.ROOT, "%n%n%d router(s), statements by total time: calls/task  ms/task  mean ms  rows/call  blocks/call  query",
                    r.routers());
            for (StatementCost c : r.statements().subList(0, Math.min(STATEMENTS_SHOWN, r.statements().size()))) {
                String query = c.query().replaceAll("\\s+", " ");
                System.out.printf(Locale.ROOT, "%n%9.3f %8.4f %8.4f %10.2f %12.1f  %s", (double) c.calls() / tasks, c.totalMs() / tasks,
                        c.totalMs() / c.calls(), (double) c.rows() / c.calls(), (double) c.blocksHit() / c.calls(),
                        query.substring(0, Math.min(110, query.length())));
            }
        }
        System.out.printf(Locale.ROOT, "%n%nreference: bare queue send+receive+delete of %d messages  %.2f s  %.1f msgs/s%n",
                tasks, bare, tasks / bare);
        System.out.printf(Locale.ROOT, "one router / bare queue loop: %.2fx%n", bare / runs.get(0).seconds());
    }
}
