package io.geoetl.http;

import io.geoetl.http.support.ApiException;
import io.geoetl.http.support.HttpReplies;
import io.geoetl.http.support.Queries;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.geoetl.jobs.InvalidParametersException;
import io.geoetl.jobs.Job;
import io.geoetl.jobs.JobService;
import io.geoetl.jobs.JobStatus;
import io.geoetl.jobs.Json;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import io.geoetl.store.Database;
import io.geoetl.store.JobActivityRepository.StageProgress;
import java.util.List;
import java.util.Map;
import org.apache.camel.Exchange;
import org.apache.camel.Message;

/** The /api/jobs endpoints: request mapping only; the work is done by {@link JobService}. */
public final class JobsApi {
    private static final int MAX_PAGE = 500;
    /** Each retry is a transaction and a doorbell: a call restarts at most this many, so it stays short. */
    private static final int MAX_BULK_RETRY = 100;
    private final JobService jobs;
    private final Database database;
    private final ListingSlots listingSlots;

    public JobsApi(JobService jobs, Database database, ListingSlots listingSlots) {
        this.jobs = jobs;
        this.database = database;
        this.listingSlots = listingSlots;
    }

    /**
     * POST /api/jobs/submit/{job_type}: 201 with a new job, 200 with the existing one. A submission
     * that lists blob storage first takes one of the few {@link ListingSlots}.
     */
    public void submit(Exchange exchange) {
        Message in = exchange.getIn();
        JsonNode parameters = readJsonBody(in);
        String jobType = in.getHeader("job_type", String.class);
        JobService.Submission submission;
        try (ListingSlots.Slot slot = listingSlots.enter(jobType, parameters)) {
            submission = jobs.submit(jobType, parameters, Callers.actor(exchange));
        }
        ObjectNode body = JobJson.summary(submission.job(), jobs.subject(submission.job()));
        body.put("created", submission.created());
        if (submission.restarted()) body.put("restarted", true);
        HttpReplies.json(exchange, submission.created() ? 201 : 200, body);
    }

    /**
     * POST /api/jobs/validate/{job_type}: what submitting these parameters would do, nothing
     * created. 200 with the normalised parameters and the job id; 400 with every problem, each
     * also filed under the parameter it names ({@link ParameterProblems}).
     */
    public void validate(Exchange exchange) {
        Message in = exchange.getIn();
        String jobType = in.getHeader("job_type", String.class);
        JsonNode parameters = readJsonBody(in);
        JobService.Check check;
        try {
            check = jobs.check(jobType, parameters);
        } catch (InvalidParametersException invalid) {
            throw ParameterProblems.refusal(invalid, jobs.parameterNames(jobType));
        }
        ObjectNode body = Json.object();
        body.put("valid", true);
        body.put("job_type", check.jobType());
        body.set("parameters", check.parameters());
        body.put("job_id", check.jobId());
        body.put("outcome", check.existing().map(job -> job.status() == JobStatus.FAILED ? "restart" : "existing").orElse("create"));
        check.existing().ifPresent(job -> body.put("existing_status", job.status().dbName()));
        HttpReplies.json(exchange, 200, body);
    }

    /**
     * POST /api/jobs/retry?job_type=&error_like=&limit=&dry_run=: failed jobs of one type whose
     * error code or message contains error_like; a dry run (the default) lists them, dry_run=false
     * restarts them, each with an event naming the caller.
     */
    public void retryFailed(Exchange exchange) {
        Message in = exchange.getIn();
        String jobType = blankToNull(in.getHeader("job_type", String.class));
        if (jobType == null) {
            throw new ApiException(400, "invalid_query", "job_type is required: bulk retry works on the failed jobs of one type");
        }
        String errorLike = blankToNull(in.getHeader("error_like", String.class));
        int limit = intQuery(in, "limit", 50, 1, MAX_BULK_RETRY);
        boolean dryRun = Queries.bool(in, "dry_run", true);
        JobService.BulkRetry outcome = jobs.retryFailed(jobType, errorLike, limit, dryRun, Callers.actor(exchange));
        ObjectNode body = Json.object();
        body.put("dry_run", dryRun);
        body.put("job_type", jobType);
        body.put("error_like", errorLike);
        body.put("matching", outcome.matching());
        body.put("limit", limit);
        body.set("jobs", JobJson.array(outcome.selected().stream()
                .map(job -> JobJson.summary(job, jobs.subject(job)).set("error", job.error())).map(ObjectNode.class::cast).toList()));
        if (!dryRun) {
            body.put("retried", outcome.retried().size());
            outcome.retried().forEach(job -> body.withArrayProperty("retried_job_ids").add(job.jobId()));
        }
        HttpReplies.json(exchange, dryRun ? 200 : 202, body);
    }

    /** GET /api/jobs/{job_id}. */
    public void get(Exchange exchange) {
        Job job = jobs.require(exchange.getIn().getHeader("job_id", String.class));
        HttpReplies.json(exchange, 200, JobJson.detail(job, jobs.subject(job), jobs.stageNames(job),
                jobs.taskCounts(job.jobId(), null), jobs.taskCounts(job.jobId(), job.stage())));
    }

    /** GET /api/jobs?status=&job_type=&limit=&offset=: newest first, each with its progress (one query for the page). */
    public void list(Exchange exchange) {
        Message in = exchange.getIn();
        JobStatus status = parseStatus(in.getHeader("status", String.class));
        int limit = intQuery(in, "limit", 50, 1, MAX_PAGE);
        int offset = intQuery(in, "offset", 0, 0, Integer.MAX_VALUE);
        JobService.Page page = jobs.list(status, blankToNull(in.getHeader("job_type", String.class)), limit, offset);
        ObjectNode body = Json.object();
        Map<String, StageProgress> progress = database.inTransaction(tx -> tx.jobActivity()
                .currentStageProgress(page.jobs().stream().map(Job::jobId).toList()));
        body.set("jobs", JobJson.array(page.jobs().stream().map(job -> {
            ObjectNode summary = JobJson.summary(job, jobs.subject(job));
            StageProgress stage = progress.getOrDefault(job.jobId(), new StageProgress(0, 0));
            summary.put("progress_percent", JobJson.progress(job.status().isFinal(), job.stage(), job.totalStages(), stage.finished(), stage.total()));
            return summary;
        }).toList()));
        body.put("total", page.total());
        body.put("limit", limit);
        body.put("offset", offset);
        HttpReplies.json(exchange, 200, body);
    }

    /** GET /api/jobs/{job_id}/tasks?limit=&offset=: in stage and index order, paged like the job list. */
    public void tasks(Exchange exchange) {
        Message in = exchange.getIn();
        String jobId = in.getHeader("job_id", String.class);
        int limit = intQuery(in, "limit", 50, 1, MAX_PAGE);
        long offset = Queries.longInteger(in, "offset", 0, 0, Long.MAX_VALUE);
        JobService.TaskPage page = jobs.tasks(jobId, limit, offset);
        ObjectNode body = Json.object();
        body.put("job_id", jobId);
        body.set("tasks", JobJson.array(page.tasks().stream().map(JobJson::task).toList()));
        body.put("total", page.total());
        body.put("limit", limit);
        body.put("offset", offset);
        HttpReplies.json(exchange, 200, body);
    }

    /** GET /api/jobs/{job_id}/events?task_id=&after=&limit=: the status history, oldest first. */
    public void events(Exchange exchange) {
        Message in = exchange.getIn();
        String jobId = in.getHeader("job_id", String.class);
        int limit = intQuery(in, "limit", 1000, 1, 10_000);
        long after = Queries.longInteger(in, "after", 0, 0, Long.MAX_VALUE); // event ids are bigint
        ObjectNode body = Json.object();
        body.put("job_id", jobId);
        body.set("events", JobJson.array(jobs.events(jobId, blankToNull(in.getHeader("task_id", String.class)), limit, after)
                .stream().map(JobJson::event).toList()));
        HttpReplies.json(exchange, 200, body);
    }

    /** POST /api/jobs/{job_id}/retry: a new run of a failed or completed_with_errors job. */
    public void retry(Exchange exchange) {
        JobService.Submission submission = jobs.retry(exchange.getIn().getHeader("job_id", String.class), Callers.actor(exchange));
        ObjectNode body = JobJson.summary(submission.job(), jobs.subject(submission.job()));
        body.put("restarted", true);
        HttpReplies.json(exchange, 202, body);
    }

    private JsonNode readJsonBody(Message in) {
        String contentType = in.getHeader(Exchange.CONTENT_TYPE, String.class);
        if (contentType != null && !contentType.isBlank() && !contentType.toLowerCase().contains("json")) {
            throw new ApiException(415, "unsupported_media_type",
                    "send the job parameters as a JSON object with Content-Type: application/json, not " + contentType);
        }
        byte[] bytes = in.getBody(byte[].class);
        if (bytes == null || bytes.length == 0) {
            return Json.object();
        }
        try {
            JsonNode node = Json.MAPPER.readTree(new String(bytes, StandardCharsets.UTF_8));
            if (node == null || node.isMissingNode()) return Json.object();
            if (!node.isObject()) {
                throw new ApiException(400, "invalid_body", "the request body must be a JSON object of job parameters, got " + node.getNodeType());
            }
            return node;
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new ApiException(400, "malformed_json", "the request body is not valid JSON: " + e.getOriginalMessage().replaceAll("\\s*\\(start marker.*$", "").replaceAll("\\s*at \\[Source.*$", "")
                    + where(e.getLocation()));
        }
    }

    /** " (line l, column c)", or nothing: a parser limit (nesting depth, number length) has no location. */
    private static String where(JsonLocation location) {
        return location == null ? "" : " (line " + location.getLineNr() + ", column " + location.getColumnNr() + ")";
    }

    private static JobStatus parseStatus(String text) {
        if (blankToNull(text) == null) return null;
        try {
            return JobStatus.of(text);
        } catch (IllegalArgumentException e) {
            List<String> allowed = Arrays.stream(JobStatus.values()).map(JobStatus::dbName).toList();
            throw new ApiException(400, "invalid_query", "status must be one of " + allowed + ", got '" + text + "'");
        }
    }

    private static int intQuery(Message in, String name, int defaultValue, int min, int max) {
        String text = blankToNull(in.getHeader(name, String.class));
        if (text == null) return defaultValue;
        try {
            int value = Integer.parseInt(text);
            if (value < min || value > max) throw new NumberFormatException();
            return value;
        } catch (NumberFormatException e) {
            throw new ApiException(400, "invalid_query", name + " must be an integer between " + min + " and " + max + ", got '" + text + "'");
        }
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text;
    }
}
