package io.geoetl.vector;

import io.geoetl.jobs.BadInputException;
import io.geoetl.storage.BlobFiles;
import io.geoetl.storage.BlobFiles.BlobInfo;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Brings a job's blob to local disk once per job and router: downloaded with the Azure SDK
 * (streamed to disk), archives checked and unpacked, then reused by every task of the job that
 * runs here. A "ready" marker holding the blob's ETag says the copy is complete and current.
 */
final class SourceFetcher {
    private static final String READY = "ready";
    private final BlobFiles blobs;
    private final WorkArea work;
    private final VectorSettings settings;
    private final SafeZipExtractor extractor;
    private final ConcurrentHashMap<String, Object> locks = new ConcurrentHashMap<>();

    SourceFetcher(BlobFiles blobs, WorkArea work, VectorSettings settings) {
        this.blobs = blobs;
        this.work = work;
        this.settings = settings;
        this.extractor = new SafeZipExtractor(settings.maxExtractedBytes(), settings.maxZipRatio(), settings.maxZipEntries());
    }

    /** The blob as it is now. Bad input when it does not exist, is empty or is over the size limit. */
    BlobInfo describe(IngestParameters p) {
        BlobInfo blob = blobs.describe(p.container(), p.blobName())
                .orElseThrow(() -> new BadInputException("blob " + p.source() + " does not exist"));
        if (blob.size() == 0) {
            throw new BadInputException("blob " + p.source() + " is empty (0 bytes); there is nothing to ingest");
        }
        if (blob.size() > settings.maxFileBytes()) {
            throw new BadInputException("blob " + p.source() + " is " + blob.size() + " bytes, over the limit of "
                    + settings.maxFileBytes() + " bytes (geoetl.vector.max-file-bytes)");
        }
        return blob;
    }

    /** The job's local copy of exactly this version of the blob, fetched if this router has none yet. */
    LocalSource fetch(String jobId, BlobInfo blob, IngestParameters p) {
        synchronized (locks.computeIfAbsent(jobId, id -> new Object())) {
            try {
                Path folder = work.folder(jobId);
                Path marker = folder.resolve(READY);
                if (!Files.exists(marker) || !Files.readString(marker).equals(blob.etag())) {
                    download(blob, p, folder);
                    Files.writeString(marker, blob.etag());
                }
                return locate(folder, blob, p);
            } catch (IOException e) {
                throw new UncheckedIOException("could not fetch " + p.source() + " to local disk: " + e.getMessage(), e);
            }
        }
    }

    /** Forgets the job (its folder is deleted separately). */
    void forget(String jobId) {
        locks.remove(jobId);
    }

    private void download(BlobInfo blob, IngestParameters p, Path folder) throws IOException {
        WorkArea.deleteTree(folder);
        Path file = Files.createDirectories(folder.resolve("download")).resolve(localName(p.blobName()));
        try {
            blobs.download(blob, file);
        } catch (BlobFiles.BlobChangedException e) {
            throw new BadInputException(e.getMessage() + "; submit the job again for the new version");
        }
        if (Files.size(file) != blob.size()) {
            throw new IOException("downloaded " + Files.size(file) + " bytes of " + blob.size());
        }
        if (p.blobType().isArchive()) {
            extractor.extract(file, Files.createDirectories(folder.resolve("unpacked")), "blob " + p.source());
            Files.delete(file);
        }
    }

    private static LocalSource locate(Path folder, BlobInfo blob, IngestParameters p) throws IOException {
        BlobType type = p.blobType();
        if (!type.isArchive()) {
            return new LocalSource(folder.resolve("download").resolve(localName(p.blobName())), type.format(), blob);
        }
        ArchiveContents.LocalPath found = ArchiveContents.locate(folder.resolve("unpacked"), type, p.layerName(), "blob " + p.source());
        return new LocalSource(found.path(), found.format(), blob);
    }

    /** The blob's file name with anything unusual replaced (GDAL names some layers after the file). */
    private static String localName(String blobName) {
        String name = blobName.substring(blobName.lastIndexOf('/') + 1).replaceAll("[^A-Za-z0-9._-]", "_");
        return name.startsWith(".") ? "source" + name : name;
    }
}
