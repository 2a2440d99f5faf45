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
 * jobProgression, doorbells, jobService, taskWorker, doorbellReceiver.
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
        TaskQueue doorbells = wiring.bind("doorbells",
                new BestEffortDoorbells(taskQueueDecorator.apply(wiring.bean("taskQueue", TaskQueue.class))));
        JobProgression progression = wiring.bind("jobProgression", new JobProgression(jobTypes, orchestration, metrics));
        // submissions and retries answer once committed: their doorbells ring on a bounded executor
        TaskQueue submitDoorbells = new BackgroundDoorbells(doorbells, wiring.boundedPool("geoetl-submit-doorbells",
                settings.integer("geoetl.doorbells.threads"), settings.integer("geoetl.doorbells.backlog")));
        wiring.bind("jobService", new JobService(db, jobTypes, progression, submitDoorbells, orchestration.workerId()));
        TaskWorker worker = wiring.bind("taskWorker", new TaskWorker(db, jobTypes, progression, doorbells, orchestration,
                new WaitForDatabase(settings.duration("geoetl.db.outage-wait")), metrics));
        wiring.bind("doorbellReceiver", new DoorbellReceiver(worker, wiring.bean("poisonQueue", PoisonQueue.class), db, progression,
                doorbells, orchestration.workerId(), settings.integer("geoetl.worker.poison-after")));
    }
}
