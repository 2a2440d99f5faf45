package io.geoetl.jobs;

import io.geoetl.config.ModuleBinder;
import io.geoetl.config.Settings;
import io.geoetl.config.Wiring;
import java.util.function.UnaryOperator;

/**
 * The orchestration core (settings geoetl.tasks.*, geoetl.worker.*): the job type registry (each
 * job type's own binder registers it), submission, the task worker and the doorbell receiver. It needs only the interfaces
 * it declares (orchestrationDatabase, taskQueue, poisonQueue, jobMetrics), bound earlier by the
 * store, storage and metrics binders. Beans: jobTypeRegistry, orchestrationSettings,
 * jobProgression, doorbells, jobService, taskWorker, taskClaimer, doorbellReceiver.
 */
public final class OrchestrationBinder implements ModuleBinder {
    private final UnaryOperator<TaskQueue> taskQueueDecorator;

    /** {@code taskQueueDecorator} wraps the queue doorbells are rung on (fault tests: duplicates, reordering). */
    public OrchestrationBinder(UnaryOperator<TaskQueue> taskQueueDecorator) {
        this.taskQueueDecorator = taskQueueDecorator;
    }

    @Override
    public void bind(Wiring wiring) {
        Settings settings = wiring.settings();
        OrchestrationDatabase db = wiring.bean("orchestrationDatabase", OrchestrationDatabase.class);
        JobMetrics metrics = wiring.bean("jobMetrics", JobMetrics.class);
        OrchestrationSettings orchestration = wiring.bind("orchestrationSettings", new OrchestrationSettings(
                settings.integer("geoetl.tasks.max-attempts"),
                settings.duration("geoetl.tasks.backoff-base"),
                settings.duration("geoetl.tasks.backoff-cap"),
                settings.duration("geoetl.tasks.heartbeat-interval"),
                wiring.workerId()));
        JobTypeRegistry jobTypes = wiring.bind("jobTypeRegistry", new JobTypeRegistry());
        // a stage rings at most geoetl.doorbells.per-ring doorbells; routers claim the tasks from the database
        TaskQueue doorbells = wiring.bind("doorbells", new BestEffortDoorbells(taskQueueDecorator.apply(
                new CollapsedDoorbells(wiring.bean("taskQueue", TaskQueue.class), settings.integer("geoetl.doorbells.per-ring"), metrics))));
        JobProgression progression = wiring.bind("jobProgression", new JobProgression(jobTypes, orchestration, metrics));
        // submissions and retries answer once committed: their doorbells ring on a bounded executor
        TaskQueue submitDoorbells = new BackgroundDoorbells(doorbells, wiring.boundedPool("geoetl-submit-doorbells",
                settings.integer("geoetl.doorbells.threads"), settings.integer("geoetl.doorbells.backlog")));
        // a submission commits one job row; its first stage is planned on a thread of its own, after the burst is answered
        SubmissionsInFlight submissions = new SubmissionsInFlight(settings.integer("geoetl.jobs.submission-concurrency"),
                settings.duration("geoetl.jobs.planning-quiet"));
        FirstStagePlanner firstStages = wiring.closeOnStop(new FirstStagePlanner(db, progression, submitDoorbells, submissions,
                settings.duration("geoetl.jobs.planning-max-delay"), settings.integer("geoetl.jobs.planning-backlog")));
        wiring.bind("jobService", new JobService(db, jobTypes, progression, submitDoorbells, firstStages, submissions,
                orchestration.workerId()));
        WaitForDatabase patience = new WaitForDatabase(settings.duration("geoetl.db.outage-wait"));
        TaskWorker worker = wiring.bind("taskWorker", wiring.closeOnStop(new TaskWorker(db, jobTypes, progression, doorbells, orchestration, patience,
                metrics, settings.duration("geoetl.worker.commit-gather"))));
        PoisonQueue poison = wiring.bean("poisonQueue", PoisonQueue.class);
        int poisonAfter = settings.integer("geoetl.worker.poison-after");
        ClaimFailures claimFailures = new ClaimFailures(db, progression, doorbells, poison, orchestration.workerId(), poisonAfter,
                settings.duration("geoetl.worker.visibility-timeout"));
        TaskClaimer claimer = wiring.bind("taskClaimer", wiring.closeOnStop(new TaskClaimer(worker, claimFailures,
                settings.integer("geoetl.worker.concurrency"), settings.integer("geoetl.worker.claim-batch"))));
        wiring.bind("doorbellReceiver", new DoorbellReceiver(worker, claimer, poison, db, doorbells, patience, poisonAfter,
                metrics));
    }
}
