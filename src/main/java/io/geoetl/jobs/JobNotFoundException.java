package io.geoetl.jobs;

/** No job with this id (HTTP 404). */
public class JobNotFoundException extends RuntimeException {
    public JobNotFoundException(String jobId) {
        super("no job with id " + jobId + (JobIds.isJobId(jobId) ? "" : " (a job id is 64 lower-case hex characters)"));
    }
}
