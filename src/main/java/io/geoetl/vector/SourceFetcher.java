package io.geoetl.vector;

import io.geoetl.jobs.BadInputException;
import io.geoetl.storage.BlobFiles;
import io.geoetl.storage.BlobFiles.BlobInfo;
import io.geoetl.work.BlobFetcher;
import io.geoetl.work.LocalBlob;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * An ingest's source on local disk: the blob checked against the vector limits, fetched (and an
 * archive unpacked) by the shared {@link BlobFetcher}, and within an archive the file GDAL opens.
 */
final class SourceFetcher {
    private static final String SLOT = "source";
    private final BlobFiles blobs;
    private final BlobFetcher fetcher;
    private final long maxFileBytes;

    SourceFetcher(BlobFiles blobs, BlobFetcher fetcher, long maxFileBytes) {
        this.blobs = blobs;
        this.fetcher = fetcher;
        this.maxFileBytes = maxFileBytes;
    }

    /** The blob as it is now. Bad input when it does not exist, is empty or is over the size limit. */
    BlobInfo describe(IngestParameters p) {
        BlobInfo blob = blobs.describe(p.container(), p.blobName())
                .orElseThrow(() -> new BadInputException("blob " + p.source() + " does not exist"));
        if (blob.size() == 0) {
            throw new BadInputException("blob " + p.source() + " is empty (0 bytes); there is nothing to ingest");
        }
        if (blob.size() > maxFileBytes) {
            throw new BadInputException("blob " + p.source() + " is " + blob.size() + " bytes, over the limit of "
                    + maxFileBytes + " bytes (geoetl.vector.max-file-bytes)");
        }
        return blob;
    }

    /** The job's local copy of exactly this version of the blob, fetched if this router has none yet. */
    LocalSource fetch(String jobId, BlobInfo blob, IngestParameters p) {
        BlobType type = p.blobType();
        LocalBlob local = fetcher.fetch(jobId, SLOT, blob, type.isArchive());
        if (!local.unpacked()) return new LocalSource(local.path(), type.format(), blob);
        try {
            ArchiveContents.LocalPath found = ArchiveContents.locate(local.path(), type, p.layerName(), "blob " + p.source());
            return new LocalSource(found.path(), found.format(), blob);
        } catch (IOException e) {
            throw new UncheckedIOException("could not read the unpacked " + p.source() + ": " + e.getMessage(), e);
        }
    }
}
