package io.geoetl.work;

import io.geoetl.jobs.BadInputException;
import io.geoetl.storage.BlobFiles;
import io.geoetl.storage.BlobFiles.BlobInfo;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;

/**
 * Brings a blob version to local disk once per job, slot and router: downloaded with the Azure
 * SDK (streamed to disk), an archive checked by {@link SafeZipExtractor} and unpacked, then reused
 * by every task of the job that runs here. A slot names one blob of a job ("source", or one per
 * input of a job that reads several), so its copy lives in {@code <work>/<job id>/<slot>/}. A
 * "ready" marker holding the blob's ETag says the copy is complete and current.
 */
public final class BlobFetcher {
    private static final String READY = "ready";
    private final BlobFiles blobs;
    private final WorkFolders folders;
    private final SafeZipExtractor extractor;
    private final ConcurrentHashMap<String, Object> locks = new ConcurrentHashMap<>();

    public BlobFetcher(BlobFiles blobs, WorkSettings settings) {
        this.blobs = blobs;
        this.folders = new WorkFolders(settings.root(), settings.leftoverMaxAge());
        this.extractor = new SafeZipExtractor(settings.maxExtractedBytes(), settings.maxZipRatio(), settings.maxZipEntries());
    }

    /**
     * The job's local copy of exactly this version of the blob in {@code slot}, fetched if this
     * router has none yet; with {@code unpack} the blob is a zip archive and the copy is the folder
     * it unpacked into. Bad input when the blob changed since {@code blob} was read or the archive
     * is refused.
     */
    public LocalBlob fetch(String jobId, String slot, BlobInfo blob, boolean unpack) {
        if (!slot.matches("[a-z0-9_-]{1,64}")) throw new IllegalArgumentException("not a slot name: " + slot);
        synchronized (locks.computeIfAbsent(jobId + "/" + slot, key -> new Object())) {
            try {
                Path folder = folders.folder(jobId).resolve(slot);
                Path marker = folder.resolve(READY);
                if (!Files.exists(marker) || !Files.readString(marker).equals(blob.etag())) {
                    download(blob, folder, unpack);
                    Files.writeString(marker, blob.etag());
                }
                return unpack ? new LocalBlob(folder.resolve("unpacked"), true, blob)
                        : new LocalBlob(downloadPath(folder, blob), false, blob);
            } catch (IOException e) {
                throw new UncheckedIOException("could not fetch " + blob.path() + " to local disk: " + e.getMessage(), e);
            }
        }
    }

    /** Deletes the job's copy in {@code slot} on this router (the job is done with that blob). */
    public void discard(String jobId, String slot) {
        synchronized (locks.computeIfAbsent(jobId + "/" + slot, key -> new Object())) {
            folders.delete(jobId, slot);
        }
        locks.remove(jobId + "/" + slot);
    }

    /** Deletes everything the job fetched on this router. */
    public void discard(String jobId) {
        folders.delete(jobId);
        locks.keySet().removeIf(key -> key.startsWith(jobId + "/"));
    }

    /**
     * Deletes work folders left by jobs that ended (or ran elsewhere) longer ago than the maximum
     * age; {@code unfinished} (asked of the job store) tells which job ids are still queued or running.
     */
    public void sweep(Predicate<String> unfinished) {
        folders.sweep(unfinished);
    }

    private void download(BlobInfo blob, Path folder, boolean unpack) throws IOException {
        WorkFolders.deleteTree(folder);
        Path file = downloadPath(folder, blob);
        Files.createDirectories(file.getParent());
        try {
            blobs.download(blob, file);
        } catch (BlobFiles.BlobChangedException e) {
            throw new BadInputException(e.getMessage() + "; submit the job again for the new version");
        }
        if (Files.size(file) != blob.size()) {
            throw new IOException("downloaded " + Files.size(file) + " bytes of " + blob.size());
        }
        if (unpack) {
            extractor.extract(file, Files.createDirectories(folder.resolve("unpacked")), "blob " + blob.path());
            Files.delete(file);
        }
    }

    /** The blob's file name with anything unusual replaced (GDAL names some layers after the file). */
    private static Path downloadPath(Path folder, BlobInfo blob) {
        String name = blob.name().substring(blob.name().lastIndexOf('/') + 1).replaceAll("[^A-Za-z0-9._-]", "_");
        return folder.resolve("download").resolve(name.startsWith(".") ? "source" + name : name);
    }
}
