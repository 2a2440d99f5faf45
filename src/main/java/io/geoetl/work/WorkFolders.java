package io.geoetl.work;

import io.geoetl.jobs.JobIds;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The local folders where jobs keep downloaded and unpacked blobs: {@code <root>/<job id>/}, shared
 * by every task of the job that runs on this router. A folder goes when its job ends
 * ({@link #delete}) or, left by a job that failed or ran elsewhere, when untouched for longer
 * than the maximum age and its job is no longer queued or running ({@link #sweep}).
 */
public final class WorkFolders {
    private static final Logger LOG = LoggerFactory.getLogger(WorkFolders.class);
    private final Path root;
    private final Duration maxAge;

    public WorkFolders(Path root, Duration maxAge) {
        this.root = root;
        this.maxAge = maxAge;
    }

    /** The job's folder (job ids are 64 hex characters, so they are safe as folder names); not created here. */
    public Path folder(String jobId) {
        if (!JobIds.isJobId(jobId)) throw new IllegalArgumentException("not a job id: " + jobId);
        return root.resolve(jobId);
    }

    /** Removes the job's folder, if any. */
    public void delete(String jobId) {
        deleteTree(folder(jobId));
    }

    /** Removes one slot folder of the job, if any (a job reading many blobs frees each when done with it). */
    public void delete(String jobId, String slot) {
        deleteTree(folder(jobId).resolve(slot));
    }

    /**
     * Removes job folders untouched for longer than the maximum age, except those of jobs that
     * {@code unfinished} says are still queued or running (their tasks may be reading the files).
     */
    public void sweep(Predicate<String> unfinished) {
        if (!Files.isDirectory(root)) return;
        Instant cutoff = Instant.now().minus(maxAge);
        List<Path> old;
        try (Stream<Path> folders = Files.list(root)) {
            old = folders.filter(folder -> isOlderThan(folder, cutoff)).toList();
        } catch (IOException e) {
            LOG.warn("could not sweep {}: {}", root, e.getMessage());
            return;
        }
        for (Path folder : old) {
            String name = folder.getFileName().toString();
            if (JobIds.isJobId(name) && unfinished.test(name)) continue;
            LOG.info("removing stale work folder {}", folder);
            deleteTree(folder);
        }
    }

    static void deleteTree(Path path) {
        if (!Files.exists(path)) return;
        try (Stream<Path> paths = Files.walk(path)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static boolean isOlderThan(Path folder, Instant cutoff) {
        try {
            return Files.getLastModifiedTime(folder).toInstant().isBefore(cutoff);
        } catch (IOException gone) {
            return false;
        }
    }
}
