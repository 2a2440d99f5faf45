package io.geoetl.jobs;

import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The router's claim loop. A doorbell says "there is work"; {@link #ring()} wakes one thread that
 * claims due tasks from the database in batches of at most {@code batch}, never more than the free
 * runner slots ({@code concurrency}), hands each to a runner, and claims again whenever a runner
 * frees up, for as long as the last claim found work (a runner's completion also claims its next
 * task, in the same transaction: {@link TaskCompletions}). Once a claim comes back short, the loop
 * sleeps until the next ring: an idle router does not poll the database (the janitor re-rings
 * tasks that wait too long, e.g. after a router died between claim and run).
 */
public final class TaskClaimer implements AutoCloseable, TaskWorker.ClaimLoop {
    private static final Logger LOG = LoggerFactory.getLogger(TaskClaimer.class);
    private final TaskWorker worker;
    private final ClaimFailures failures;
    private final int batch;
    private final AtomicInteger free;
    private final ExecutorService runners;
    /** Rings so far; {@code drainedAt} is the ring count when a claim last came back short. */
    private final AtomicLong rings = new AtomicLong();
    private volatile long drainedAt;
    private final Object wakeUp = new Object();
    private boolean woken;
    private volatile boolean stopped;

    public TaskClaimer(TaskWorker worker, ClaimFailures failures, int concurrency, int batch) {
        this.worker = worker;
        this.failures = failures;
        this.batch = batch;
        this.free = new AtomicInteger(concurrency);
        AtomicInteger runnerCount = new AtomicInteger();
        this.runners = Executors.newFixedThreadPool(concurrency, runnable -> daemon(runnable, "geoetl-task-" + runnerCount.incrementAndGet()));
        worker.attach(this);
        daemon(this::loop, "geoetl-claimer").start();
    }

    /** There may be due tasks: claim until there are none (or every runner is busy, then as runners free up). */
    @Override
    public void ring() {
        rings.incrementAndGet();
        wake();
    }

    @Override
    public long mayClaimSince() {
        long seen = rings.get();
        return stopped || seen == drainedAt ? -1 : seen;
    }

    @Override
    public void drained(long seen) {
        drainedAt = seen;
    }

    private void wake() {
        synchronized (wakeUp) {
            woken = true;
            wakeUp.notifyAll();
        }
    }

    private void loop() {
        while (!stopped) {
            synchronized (wakeUp) {
                while (!woken && !stopped) {
                    try {
                        wakeUp.wait();
                    } catch (InterruptedException e) {
                        return;
                    }
                }
                woken = false;
            }
            claimWhileWorkIsDue();
        }
    }

    private void claimWhileWorkIsDue() {
        while (!stopped && !worker.closing() && rings.get() != drainedAt && free.get() > 0) {
            long seen = rings.get();
            int wanted = Math.min(free.get(), batch);
            List<TaskWorker.Claim> claims;
            try {
                claims = worker.claimDue(wanted, failures);
            } catch (RuntimeException e) {
                // the database stayed away longer than geoetl.db.outage-wait: the janitor re-rings once it is back
                LOG.warn("claiming tasks failed: {}; waiting for the next doorbell", TaskWorker.describe(e));
                drainedAt = seen;
                return;
            }
            for (TaskWorker.Claim claim : claims) {
                free.decrementAndGet();
                runners.execute(() -> runToEnd(claim));
            }
            if (claims.size() < wanted) drainedAt = seen; // nothing more was due (a ring since then keeps the loop going)
        }
    }

    /** Runs the claimed task, then the next ones its completions claimed, on this runner's slot. */
    private void runToEnd(TaskWorker.Claim claim) {
        try {
            for (TaskWorker.Claim current = claim; current != null; ) {
                current = runOne(current);
            }
        } finally {
            free.incrementAndGet();
            wake();
        }
    }

    private TaskWorker.Claim runOne(TaskWorker.Claim claim) {
        try {
            return worker.run(claim);
        } catch (RuntimeException e) {
            // bookkeeping failed after the run: the task stays claimed until the janitor requeues it
            LOG.warn("task {}: {}", claim.task().taskId(), TaskWorker.describe(e));
            return null;
        }
    }

    private static Thread daemon(Runnable runnable, String name) {
        Thread thread = new Thread(runnable, name);
        thread.setDaemon(true);
        return thread;
    }

    @Override
    public void close() {
        stopped = true;
        wake();
        runners.shutdown();
    }
}
