package io.geoetl.jobs;

import java.util.Collection;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The stages of the tasks this router has claimed (committed) and not yet ended. While the router
 * holds a task of a stage, that stage cannot be done, and the task's own ending checks the stage
 * after its commit: a completion of another task of the stage can skip its stage check. Holding a
 * task too short only costs an extra check; a task is therefore added only once its claim has
 * committed and removed, at the latest, when its run ends, whatever the outcome.
 */
final class ClaimedStages {
    private final Map<String, JobStage> held = new ConcurrentHashMap<>();

    void add(Collection<TaskWorker.Claim> claims) {
        for (TaskWorker.Claim claim : claims) held.put(claim.task().taskId(), stageOf(claim.task()));
    }

    void remove(Task task) {
        held.remove(task.taskId());
    }

    /** How many tasks this router holds. */
    int size() {
        return held.size();
    }

    /** True while this router holds an unfinished task of {@code stage}. Scans the held tasks: at most concurrency + batch. */
    boolean holds(JobStage stage) {
        return held.containsValue(stage);
    }

    static JobStage stageOf(Task task) {
        return new JobStage(task.jobId(), task.stage());
    }
}
