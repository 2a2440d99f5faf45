import com.azure.storage.queue.QueueClient;
import com.azure.storage.queue.QueueClientBuilder;
import com.azure.storage.queue.models.QueueMessageItem;
import com.fasterxml.jackson.databind.JsonNode;
import io.geoetl.GeoetlMain;
import io.geoetl.GeoetlConfiguration;
import io.geoetl.jobs.JobMetrics;
import io.geoetl.jobs.JobProgression;
import io.geoetl.jobs.JobService;
import io.geoetl.jobs.JobTypeRegistry;
import io.geoetl.jobs.Json;
import io.geoetl.jobs.OrchestrationSettings;
import io.geoetl.jobs.TaskMessage;
import io.geoetl.jobs.TaskQueue;
import io.geoetl.jobs.TaskWorker;
import io.geoetl.jobs.WaitForDatabase;
import io.geoetl.jobs.hello.HelloWorldJobType;
import io.geoetl.store.Database;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.camel.main.Main;

/**
 * hello_world n=1000 (2,000 tasks) three ways on the local default services:
 *  1. end to end: HTTP submit → Azure queue (Azurite) → workers → PostgreSQL, through the real router;
 *  2. database only: the same claim + complete transactions, driven without the queue, timed per task;
 *  3. reference: the bare queue round trip (send, receive, delete) of 2,000 messages with the Azure SDK.
 * Prints tasks/s, the median database time per claim+complete, and the queue's share of the time.
 */
public final class OrchestrationBench {
    static final int N = Integer.parseInt(System.getenv().getOrDefault("BENCH_N", "1000"));
    static final String DB_URL = System.getenv().getOrDefault("GEOETL_DB_URL", "jdbc:postgresql://127.0.0.1:55432/geoetl");
    static final String STORAGE = System.getenv("GEOETL_STORAGE_CONNECTION_STRING");

    public static void main(String[] args) throws Exception {
        int tasks = 2 * N;
        try (Database db = new Database(DB_URL, "postgres", "", 2)) {
            db.migrate(); // a fresh database has no app schema until a router has started once
        }
        deleteHelloJobs(N);
        double endToEnd = endToEndSeconds();
        deleteHelloJobs(N);
        List<Double> dbMillis = databaseOnlyMillis();
        double queueOnly = bareQueueSeconds(tasks);

        Collections.sort(dbMillis);
        double median = dbMillis.get(dbMillis.size() / 2);
        double p95 = dbMillis.get((int) (dbMillis.size() * 0.95));
        double dbTotal = dbMillis.stream().mapToDouble(Double::doubleValue).sum() / 1000;
        System.out.printf("%nhello_world n=%d: %d tasks%n", N, tasks);
        System.out.printf("  end to end (HTTP → queue → workers → DB)   %7.2f s   %7.1f tasks/s%n", endToEnd, tasks / endToEnd);
        System.out.printf("  database only, claim+complete per task    median %.2f ms, p95 %.2f ms, sum %.2f s (one thread)%n", median, p95, dbTotal);
        System.out.printf("  reference: bare queue send+receive+delete %7.2f s   %7.1f msgs/s%n", queueOnly, tasks / queueOnly);
        System.out.printf("  ratio geoetl end to end / bare queue       %7.2f   (1.0 = the queue is the whole cost)%n", endToEnd / queueOnly);
        System.out.printf("  queue share of end-to-end time             ~%.0f %%%n", Math.min(100, 100 * queueOnly / endToEnd));
    }

    /** Through the real router: submit over HTTP, poll until completed. */
    static double endToEndSeconds() throws Exception {
        String queue = "bench-" + UUID.randomUUID().toString().substring(0, 8);
        Main main = GeoetlMain.create(new GeoetlConfiguration());
        main.addOverrideProperty("geoetl.queue.tasks", queue);
        main.addOverrideProperty("camel.server.port", "18080");
        // only the orchestration is measured: no blob-drop polling or inbox next to it
        main.addOverrideProperty("geoetl.blob-drop.poll.enabled", "false");
        main.addOverrideProperty("geoetl.blob-drop.inbox.enabled", "false");
        main.start();
        try {
            HttpClient http = HttpClient.newHttpClient();
            long start = System.nanoTime();
            HttpRequest.Builder submit = HttpRequest.newBuilder(URI.create("http://127.0.0.1:18080/api/jobs/submit/hello_world"))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"n\": " + N + "}"));
            String apiKey = System.getenv("GEOETL_API_KEY");
            if (apiKey != null) submit.header("X-API-Key", apiKey);
            JsonNode created = Json.parse(http.send(submit.build(), HttpResponse.BodyHandlers.ofString()).body());
            String jobId = created.get("job_id").asText();
            while (true) {
                JsonNode job = Json.parse(http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:18080/api/jobs/" + jobId)).build(),
                        HttpResponse.BodyHandlers.ofString()).body());
                String status = job.get("status").asText();
                if (status.equals("completed")) break;
                if (status.equals("failed")) throw new IllegalStateException("bench job failed: " + job);
                Thread.sleep(50);
            }
            return (System.nanoTime() - start) / 1e9;
        } finally {
            main.stop();
        }
    }

    /** The same job driven straight through TaskWorker (no queue): per-task claim+complete time. */
    static List<Double> databaseOnlyMillis() {
        try (Database db = new Database(DB_URL, "postgres", "", 4)) {
            JobTypeRegistry registry = new JobTypeRegistry().register(new HelloWorldJobType());
            OrchestrationSettings settings = new OrchestrationSettings(3, Duration.ofSeconds(30), Duration.ofMinutes(10),
                    Duration.ofSeconds(30), "bench");
            List<TaskMessage> pending = new CopyOnWriteArrayList<>();
            TaskQueue collecting = (messages, delay) -> pending.addAll(messages);
            JobProgression progression = new JobProgression(registry, settings);
            JobService jobs = new JobService(db.orchestration(), registry, progression, collecting, "bench");
            List<Double> millis = new ArrayList<>();
            try (TaskWorker worker = new TaskWorker(db.orchestration(), registry, progression, collecting, settings,
                    new WaitForDatabase(Duration.ofSeconds(30)), JobMetrics.NONE)) {
                jobs.submit("hello_world", Json.object().put("n", N));
                while (!pending.isEmpty()) {
                    TaskMessage message = pending.remove(0);
                    long start = System.nanoTime();
                    worker.handle(message);
                    millis.add((System.nanoTime() - start) / 1e6);
                }
            }
            return millis;
        }
    }

    /** Reference: what the queue alone costs for the same number of messages. */
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

    static void deleteHelloJobs(int n) throws Exception {
        try (Connection c = DriverManager.getConnection(DB_URL, "postgres", null); Statement s = c.createStatement()) {
            s.execute("delete from app.jobs where job_type = 'hello_world' and parameters->>'n' = '" + n + "'");
        }
    }
}
