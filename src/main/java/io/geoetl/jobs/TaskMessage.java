package io.geoetl.jobs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** The doorbell on the task queue: which task to look at. The database holds everything else. */
public record TaskMessage(String jobId, String taskId) {

    public String toJson() {
        ObjectNode node = Json.object();
        node.put("job_id", jobId);
        node.put("task_id", taskId);
        return Json.write(node);
    }

    /** Parses a queue message body; {@link IllegalArgumentException} names what is wrong. */
    public static TaskMessage parse(String body) {
        JsonNode node;
        try {
            node = Json.parse(body);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("task message is not JSON: " + abbreviate(body));
        }
        if (node == null || !node.path("task_id").isTextual() || !JobIds.isJobId(node.path("job_id").asText(null))) {
            throw new IllegalArgumentException("task message lacks job_id/task_id: " + abbreviate(body));
        }
        return new TaskMessage(node.get("job_id").asText(), node.get("task_id").asText());
    }

    private static String abbreviate(String text) {
        if (text == null) return "<empty>";
        return text.length() <= 200 ? text : text.substring(0, 200) + "…";
    }
}
