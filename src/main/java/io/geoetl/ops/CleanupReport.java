package io.geoetl.ops;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.geoetl.jobs.JobOutput;
import java.util.List;

/**
 * What a cleanup found and, unless it was a dry run, deleted.
 *
 * @param items one per output the job type declares, in its order
 */
public record CleanupReport(String jobId, String jobType, boolean dryRun, List<Item> items) {

    /**
     * One declared output.
     *
     * @param exists  whether anything is there now (before deleting)
     * @param details what is there: blob count, bytes and sample names; table size; row counts
     * @param deleted how many blobs, tables, rows or items this cleanup removed (0 in a dry run)
     * @param refused why this output is not deleted (outside the schemas cleanup may touch), or null
     */
    public record Item(JobOutput output, boolean exists, ObjectNode details, long deleted, String refused) {}
}
