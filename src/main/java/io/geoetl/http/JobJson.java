package io.geoetl.http;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.geoetl.jobs.Job;
import io.geoetl.jobs.JobEvent;
import io.geoetl.jobs.Json;
import io.geoetl.jobs.Task;
import io.geoetl.jobs.TaskStatus;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

/** JSON shapes of jobs, tasks and events in API responses. */
final class JobJson {
    private JobJson() {}

    static ObjectNode summary(Job job, String subject) {
        ObjectNode node = Json.object();
        node.put("job_id", job.jobId());
        node.put("job_type", job.jobType());
        node.put("subject", subject);
        node.put("status", job.status().dbName());
        node.put("stage", job.stage());
        node.put("total_stages", job.totalStages());
        node.put("created_at", text(job.createdAt()));
        node.put("updated_at", text(job.updatedAt()));
        node.set("links", links(job.jobId()));
        return node;
    }

    static ObjectNode detail(Job job, String subject, List<String> stageNames, Map<TaskStatus, Integer> counts,
                             Map<TaskStatus, Integer> currentStageCounts) {
        ObjectNode node = summary(job, subject);
        node.put("stage_name", job.stage() <= stageNames.size() ? stageNames.get(job.stage() - 1) : null);
        node.put("run", job.run());
        node.set("parameters", job.parameters());
        ObjectNode tasks = node.putObject("task_counts");
        counts.forEach((status, count) -> tasks.put(status.dbName(), count));
        tasks.put("total", counts.values().stream().mapToInt(Integer::intValue).sum());
        node.put("progress_percent", progress(job, currentStageCounts));
        node.put("started_at", text(job.startedAt()));
        node.put("finished_at", text(job.finishedAt()));
        node.set("result", job.result());
        node.set("error", job.error());
        return node;
    }

    /** ((finished stages) + (finished share of the current stage)) / stages. */
    static double progress(Job job, Map<TaskStatus, Integer> currentStageCounts) {
        int total = currentStageCounts.values().stream().mapToInt(Integer::intValue).sum();
        int done = currentStageCounts.entrySet().stream().filter(e -> e.getKey().isFinal()).mapToInt(Map.Entry::getValue).sum();
        return progress(job.status().isFinal(), job.stage(), job.totalStages(), done, total);
    }

    /** The same from the finished and total tasks of the current stage. */
    static double progress(boolean finalStatus, int stage, int totalStages, int finishedInStage, int tasksInStage) {
        if (finalStatus) return 100.0;
        double stageShare = tasksInStage == 0 ? 0 : (double) finishedInStage / tasksInStage;
        double percent = 100.0 * ((stage - 1) + stageShare) / totalStages;
        return Math.round(percent * 10) / 10.0;
    }

    static ObjectNode task(Task task) {
        ObjectNode node = Json.object();
        node.put("task_id", task.taskId());
        node.put("stage", task.stage());
        node.put("task_index", task.taskIndex());
        node.put("task_type", task.taskType());
        node.put("status", task.status().dbName());
        node.put("attempt", task.attempt());
        node.put("max_attempts", task.maxAttempts());
        node.put("next_attempt_at", text(task.nextAttemptAt()));
        node.put("claimed_by", task.claimedBy());
        node.put("heartbeat_at", text(task.heartbeatAt()));
        node.put("started_at", text(task.startedAt()));
        node.put("finished_at", text(task.finishedAt()));
        node.set("parameters", task.parameters());
        node.set("result", task.result());
        node.set("error", task.error());
        return node;
    }

    static ObjectNode event(JobEvent event) {
        ObjectNode node = Json.object();
        node.put("event_id", event.eventId());
        node.put("task_id", event.taskId());
        node.put("from_status", event.fromStatus());
        node.put("to_status", event.toStatus());
        if (event.attempt() != null) node.put("attempt", event.attempt());
        node.put("actor", event.actor());
        node.put("reason", event.reason());
        node.put("at", text(event.createdAt()));
        return node;
    }

    static ArrayNode array(List<ObjectNode> nodes) {
        ArrayNode array = Json.array();
        nodes.forEach(array::add);
        return array;
    }

    private static ObjectNode links(String jobId) {
        ObjectNode links = Json.object();
        links.put("self", "/api/jobs/" + jobId);
        links.put("tasks", "/api/jobs/" + jobId + "/tasks");
        links.put("events", "/api/jobs/" + jobId + "/events");
        return links;
    }

    private static String text(OffsetDateTime time) {
        return time == null ? null : time.toString();
    }
}
