package io.geoetl.jobs;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * What started a submission that is not an API call (e.g. a blob drop). {@code identity} names the
 * exact input (a blob and its ETag) and is stored in the job's parameters under {@value #PARAMETER}:
 * it is part of the job id, so the same input seen again is the same job and a new version of it is
 * a new job. {@code description} (which path saw it) becomes the reason of the "submitted" event.
 */
public record Trigger(ObjectNode identity, String description) {
    public static final String PARAMETER = "trigger";
}
