package io.geoetl.http;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.geoetl.jobs.JobStatus;
import io.geoetl.jobs.Json;
import io.geoetl.store.Database;
import io.geoetl.store.JobActivityRepository.JobChange;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One poller for every open job event stream: while someone listens, it asks the database every
 * poll interval which jobs or tasks changed (one query, {@code updated_at} indexes) and sends each
 * job whose status, stage or progress differs from what it last sent, as a server-sent event
 * {@code event: job}, to every subscriber. It also sends a heartbeat comment. No subscriber, no
 * query. Each look reaches back {@link #OVERLAP} before the last change it saw, so a transaction
 * that committed late with an earlier timestamp is not missed; repeats are filtered out.
 */
public final class JobChangeFeed implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(JobChangeFeed.class);
    static final Duration OVERLAP = Duration.ofSeconds(2);
    private static final int MAX_CHANGES_PER_LOOK = 1000;
    private static final int REMEMBERED_JOBS = 10_000;

    /** Where the feed writes: one open stream. Called from the feed's thread; must not block. */
    public interface Subscriber {
        void send(String frame);

        /** The feed stops: end the stream. */
        void end();
    }

    private final Database database;
    private final Duration pollInterval;
    private final Duration heartbeat;
    private final Set<Subscriber> subscribers = ConcurrentHashMap.newKeySet();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "geoetl-job-change-feed");
        thread.setDaemon(true);
        return thread;
    });
    // touched only by the timer thread
    private final Map<String, String> lastSent = new LinkedHashMap<>(256, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, String> eldest) {
            return size() > REMEMBERED_JOBS;
        }
    };
    private OffsetDateTime since;

    public JobChangeFeed(Database database, Duration pollInterval, Duration heartbeat) {
        this.database = database;
        this.pollInterval = pollInterval;
        this.heartbeat = heartbeat;
    }

    public void start() {
        timer.scheduleWithFixedDelay(this::look, pollInterval.toMillis(), pollInterval.toMillis(), TimeUnit.MILLISECONDS);
        timer.scheduleAtFixedRate(() -> broadcast(": heartbeat\n\n"), heartbeat.toMillis(), heartbeat.toMillis(), TimeUnit.MILLISECONDS);
    }

    public void subscribe(Subscriber subscriber) {
        subscribers.add(subscriber);
    }

    public void unsubscribe(Subscriber subscriber) {
        subscribers.remove(subscriber);
    }

    public int subscribers() {
        return subscribers.size();
    }

    private void look() {
        if (subscribers.isEmpty()) {
            since = null;
            lastSent.clear();
            return;
        }
        try {
            if (since == null) {
                since = database.inTransaction(tx -> tx.jobActivity().now());
                return;
            }
            OffsetDateTime from = since.minus(OVERLAP);
            List<JobChange> changes = database.inTransaction(tx -> tx.jobActivity().changedSince(from, MAX_CHANGES_PER_LOOK));
            for (JobChange change : changes) {
                if (change.changedAt().isAfter(since)) since = change.changedAt();
                ObjectNode state = state(change);
                String key = Json.write(state);
                if (key.equals(lastSent.get(change.jobId()))) continue;
                lastSent.put(change.jobId(), key);
                state.put("changed_at", change.changedAt().toString());
                broadcast("event: job\ndata: " + Json.write(state) + "\n\n");
            }
        } catch (RuntimeException e) {
            LOG.warn("job change feed: could not read the changes ({}); will look again in {}", e.getMessage(), pollInterval);
        }
    }

    private static ObjectNode state(JobChange change) {
        boolean finalStatus = JobStatus.of(change.status()).isFinal();
        ObjectNode node = Json.object();
        node.put("job_id", change.jobId());
        node.put("job_type", change.jobType());
        node.put("status", change.status());
        node.put("stage", change.stage());
        node.put("total_stages", change.totalStages());
        node.put("tasks_in_stage", change.progress().total());
        node.put("finished_in_stage", change.progress().finished());
        node.put("progress_percent", JobJson.progress(finalStatus, change.stage(), change.totalStages(),
                change.progress().finished(), change.progress().total()));
        return node;
    }

    private void broadcast(String frame) {
        for (Subscriber subscriber : subscribers) {
            subscriber.send(frame);
        }
    }

    /** Stops polling and ends every open stream (the router stops). */
    @Override
    public void close() {
        timer.shutdownNow();
        for (Subscriber subscriber : subscribers) {
            subscriber.end();
        }
        subscribers.clear();
    }
}
