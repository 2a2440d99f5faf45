package io.geoetl.drop;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.geoetl.jobs.ConflictException;
import io.geoetl.jobs.InvalidParametersException;
import io.geoetl.jobs.JobService;
import io.geoetl.jobs.Json;
import io.geoetl.jobs.Trigger;
import io.geoetl.jobs.UnknownJobTypeException;
import io.geoetl.storage.BlobVersion;
import io.geoetl.storage.BronzeContainer;
import io.geoetl.store.Database;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns one dropped blob version into a job, whichever trigger saw it (poll, Event Grid event,
 * inbox upload): the file ending picks the job type, {@link DropParameters} builds its parameters,
 * {@link JobService#submit(String, com.fasterxml.jackson.databind.JsonNode, Trigger)} creates it
 * idempotently. A blob that cannot become such a job becomes a failed {@code rejected_drop} job
 * with the reason. Each version is then written to the ledger (app.blob_drops), so seeing it again
 * submits nothing. Storage or database failures are thrown: the trigger tries again later.
 */
public final class BlobDropSubmitter {
    private static final Logger LOG = LoggerFactory.getLogger(BlobDropSubmitter.class);
    private final JobService jobs;
    private final Database db;
    private final BronzeContainer bronze;
    private final JobTypeByExtension jobTypes;
    private final DropParameters parameters;

    public BlobDropSubmitter(JobService jobs, Database db, BronzeContainer bronze, JobTypeByExtension jobTypes, DropParameters parameters) {
        this.jobs = jobs;
        this.db = db;
        this.bronze = bronze;
        this.jobTypes = jobTypes;
        this.parameters = parameters;
    }

    /** A version found by listing the container. Returns the job id, or null when it was seen before. */
    public String submitPolled(BlobVersion blob) {
        return submit(blob, "poll");
    }

    /** A version of {@code blobName} in the watched container just uploaded from the inbox folder by the route. */
    public String submitUploaded(String blobName, String etag, long size) {
        return submit(new BlobVersion(bronze.name(), blobName, etag, size, Map.of()), "inbox");
    }

    /**
     * A BlobCreated event. The blob's current version is read with a HEAD request (events carry no
     * metadata); when it was overwritten since, the current version is the one submitted (its own
     * event will then find it recorded). A blob deleted before it could be read is rejected.
     */
    public String submitEvent(BlobCreated event) {
        if (!event.etag().isEmpty() && recorded(bronze.name(), event.blobName(), event.etag())) {
            LOG.debug("event {}: {} etag {} was submitted before", event.eventId(), event.path(), event.etag());
            return null;
        }
        Optional<BlobVersion> current = bronze.describe(event.blobName());
        if (current.isPresent()) {
            return submit(current.get(), "event");
        }
        BlobVersion gone = new BlobVersion(event.container(), event.blobName(), event.etag(), 0, Map.of());
        return record(gone, "event", reject(gone, new RejectedDropException(null,
                gone.path() + " no longer exists: it was deleted before geoetl could read it (event " + event.eventId() + ")"),
                trigger(gone, "event")));
    }

    private String submit(BlobVersion blob, String via) {
        if (recorded(blob.container(), blob.blobName(), blob.etag())) {
            LOG.debug("{} etag {} was submitted before", blob.path(), blob.etag());
            return null;
        }
        Trigger trigger = trigger(blob, via);
        JobService.Submission submission;
        try {
            submission = submitAsJob(blob, trigger);
            LOG.info("{} ({}): job {} ({}, {})", blob.path(), via, submission.job().jobId(), submission.job().jobType(),
                    submission.created() ? "created" : "existing");
        } catch (RejectedDropException e) {
            submission = reject(blob, e, trigger);
        }
        return record(blob, via, submission);
    }

    private JobService.Submission submitAsJob(BlobVersion blob, Trigger trigger) {
        JobTypeByExtension.Match match = jobTypes.match(blob.blobName()).orElseThrow(() -> unsupported(blob));
        ObjectNode raw = parameters.build(blob, match);
        try {
            return jobs.submit(match.jobType(), raw, trigger);
        } catch (UnknownJobTypeException e) {
            throw new RejectedDropException(match.jobType(), blob.path() + ": files ending in " + match.extension() + " go to job type "
                    + match.jobType() + " (geoetl.blob-drop.job-types), but this router has no such job type: " + e.getMessage());
        } catch (InvalidParametersException e) {
            throw new RejectedDropException(match.jobType(), blob.path() + ": " + match.jobType()
                    + " rejected the parameters taken from the blob's metadata (geoetl_<parameter>) and defaults: " + e.getMessage());
        } catch (ConflictException e) {
            throw new RejectedDropException(match.jobType(), blob.path() + ": " + match.jobType() + " refused it: " + e.getMessage());
        }
    }

    private RejectedDropException unsupported(BlobVersion blob) {
        String extension = JobTypeByExtension.lastExtension(blob.blobName());
        String what = extension.isEmpty() ? "the file name has no extension" : "no job type takes files ending in " + extension;
        return new RejectedDropException(null, blob.path() + ": " + what + "; supported extensions: "
                + String.join(", ", jobTypes.extensions()) + " (geoetl.blob-drop.job-types)");
    }

    private JobService.Submission reject(BlobVersion blob, RejectedDropException rejection, Trigger trigger) {
        ObjectNode raw = Json.object();
        raw.put("container", blob.container());
        raw.put("blob_name", blob.blobName());
        raw.put("reason", rejection.getMessage());
        if (rejection.jobType() != null) raw.put("job_type", rejection.jobType());
        JobService.Submission submission = jobs.submit(RejectedDropJobType.NAME, raw, trigger);
        LOG.warn("rejected drop, recorded as failed job {}: {}", submission.job().jobId(), rejection.getMessage());
        return submission;
    }

    private String record(BlobVersion blob, String via, JobService.Submission submission) {
        String jobId = submission.job().jobId();
        db.inTransaction(tx -> {
            tx.blobDrops().record(blob.container(), blob.blobName(), blob.etag(), jobId, via);
            return null;
        });
        return jobId;
    }

    private boolean recorded(String container, String blobName, String etag) {
        return db.inTransaction(tx -> tx.blobDrops().contains(container, blobName, etag));
    }

    /** Identity: the blob and its ETag (the same whichever trigger saw it); description: which trigger. */
    private static Trigger trigger(BlobVersion blob, String via) {
        ObjectNode identity = Json.object();
        identity.put("blob", blob.path());
        identity.put("etag", blob.etag());
        return new Trigger(identity, "blob-drop (" + via + "): " + blob.path() + " etag " + blob.etag());
    }
}
