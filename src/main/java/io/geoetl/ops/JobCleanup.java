package io.geoetl.ops;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.geoetl.jobs.ConflictException;
import io.geoetl.jobs.Job;
import io.geoetl.jobs.JobEvent;
import io.geoetl.jobs.JobNotFoundException;
import io.geoetl.jobs.JobOutput;
import io.geoetl.jobs.JobService;
import io.geoetl.jobs.JobType;
import io.geoetl.jobs.JobTypeRegistry;
import io.geoetl.jobs.Json;
import io.geoetl.storage.BlobPrefixes;
import io.geoetl.store.Database;
import io.geoetl.store.OutputRepository;
import io.geoetl.store.Tx;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * POST /api/jobs/{id}/cleanup: lists what a finished job produced (as its type declares in
 * {@link JobType#outputs}) and, when not a dry run, deletes it through the layer that owns it:
 * blobs through storage (delete_blobs_by_prefix), tables and rows through the store in one
 * transaction. Whole tables are only dropped in the schemas of geoetl.cleanup.table-schemas, and
 * the orchestration tables are never touched. The job itself and its history stay; the cleanup is
 * recorded in its events.
 */
public final class JobCleanup {
    private static final int SAMPLE = 20;
    private static final Set<String> ORCHESTRATION_TABLES = Set.of("app.jobs", "app.tasks", "app.job_events");
    private final Database db;
    private final JobService jobs;
    private final JobTypeRegistry registry;
    private final BlobPrefixes blobs;
    private final Set<String> tableSchemas;

    public JobCleanup(Database db, JobService jobs, JobTypeRegistry registry, BlobPrefixes blobs, Set<String> tableSchemas) {
        this.db = db;
        this.jobs = jobs;
        this.registry = registry;
        this.blobs = blobs;
        this.tableSchemas = tableSchemas;
    }

    public CleanupReport cleanup(String jobId, boolean dryRun, String actor) {
        Job job = jobs.find(jobId).orElseThrow(() -> new JobNotFoundException(jobId));
        if (!job.status().isFinal()) {
            throw new ConflictException("job_running", "job " + jobId + " is " + job.status().dbName()
                    + "; cleanup of a running job is refused: wait until it ends");
        }
        JobType type = registry.find(job.jobType()).orElseThrow(() -> new ConflictException("unknown_job_type",
                "job " + jobId + " is of type " + job.jobType() + ", which this router does not know: its outputs cannot be listed"));
        List<JobOutput> outputs = type.outputs(job);
        List<CleanupReport.Item> inspected = outputs.stream().map(this::inspect).toList();
        if (dryRun) {
            return new CleanupReport(jobId, job.jobType(), true, inspected);
        }
        List<CleanupReport.Item> done = delete(job, inspected, actor);
        return new CleanupReport(jobId, job.jobType(), false, done);
    }

    private CleanupReport.Item inspect(JobOutput output) {
        ObjectNode details = Json.object();
        boolean exists;
        if (output instanceof JobOutput.BlobPrefix b) {
            BlobPrefixes.Listing listing = blobs.list(b.container(), b.prefix(), SAMPLE);
            details.put("blobs", listing.count());
            details.put("bytes", listing.bytes());
            ArrayNode sample = details.putArray("sample");
            listing.sample().forEach(sample::add);
            exists = listing.count() > 0;
        } else if (output instanceof JobOutput.Table t) {
            OutputRepository.TableInfo info = db.inTransaction(tx -> tx.outputs().table(t.schema(), t.table())).orElse(null);
            if (info != null) {
                details.put("bytes", info.bytes());
                if (info.rowsEstimate() != null) details.put("rows_estimate", info.rowsEstimate());
            }
            exists = info != null;
        } else if (output instanceof JobOutput.Rows r) {
            long rows = db.inTransaction(tx -> tx.outputs().countRows(r.schema(), r.table(), r.column(), r.value())).orElse(0L);
            details.put("rows", rows);
            exists = rows > 0;
        } else {
            JobOutput.StacItem s = (JobOutput.StacItem) output;
            long items = db.inTransaction(tx -> tx.outputs().countStacItem(s.collection(), s.itemId())).orElse(0L);
            details.put("items", items);
            exists = items > 0;
        }
        return new CleanupReport.Item(output, exists, details, 0, refusal(output));
    }

    private List<CleanupReport.Item> delete(Job job, List<CleanupReport.Item> items, String actor) {
        List<CleanupReport.Item> done = new ArrayList<>();
        for (CleanupReport.Item item : items) {
            if (item.output() instanceof JobOutput.BlobPrefix b && item.exists() && item.refused() == null) {
                done.add(withDeleted(item, blobs.deleteBlobsByPrefix(b.container(), b.prefix())));
            } else {
                done.add(item);
            }
        }
        return db.inTransaction(tx -> {
            List<CleanupReport.Item> result = new ArrayList<>();
            for (CleanupReport.Item item : done) {
                result.add(item.exists() && item.refused() == null ? withDeleted(item, deleteInDatabase(tx, item)) : item);
            }
            tx.events().append(JobEvent.of(job.jobId(), null, job.status().dbName(), "cleanup", null, actor, summary(result)));
            return result;
        });
    }

    private static long deleteInDatabase(Tx tx, CleanupReport.Item item) {
        OutputRepository outputs = tx.outputs();
        JobOutput output = item.output();
        if (output instanceof JobOutput.Table t) {
            if (t.publishedBy() != null) {
                // the lock publishing takes: no overwrite can land between this check and the drop
                tx.vectorTables().lockTarget(t.schema(), t.table());
                if (!t.publishedBy().equals(tx.catalog().publisherOf(t.schema(), t.table()).orElse(null))) return 0;
            }
            outputs.dropTable(t.schema(), t.table());
            return 1;
        }
        if (output instanceof JobOutput.Rows r) {
            return outputs.deleteRows(r.schema(), r.table(), r.column(), r.value());
        }
        if (output instanceof JobOutput.StacItem s) {
            return outputs.deleteStacItem(s.collection(), s.itemId());
        }
        return item.deleted(); // blobs: already deleted through storage
    }

    /** Why an output may not be deleted by cleanup, or null when it may. */
    private String refusal(JobOutput output) {
        if (output instanceof JobOutput.Table t && !tableSchemas.contains(t.schema())) {
            return "tables are only dropped in schemas " + tableSchemas + " (geoetl.cleanup.table-schemas)";
        }
        if (output instanceof JobOutput.Rows r && ORCHESTRATION_TABLES.contains(r.schema() + "." + r.table())) {
            return "the orchestration tables are never cleaned up";
        }
        return null;
    }

    private static CleanupReport.Item withDeleted(CleanupReport.Item item, long deleted) {
        return new CleanupReport.Item(item.output(), item.exists(), item.details(), deleted, item.refused());
    }

    private static String summary(List<CleanupReport.Item> items) {
        List<String> parts = new ArrayList<>();
        for (CleanupReport.Item item : items) {
            if (item.deleted() > 0) parts.add(item.output().kind() + " " + item.output().location() + " (" + item.deleted() + ")");
        }
        return parts.isEmpty() ? "cleanup: nothing to delete" : "cleanup deleted " + String.join(", ", parts);
    }
}
