package io.geoetl.vector;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The local folder where each job keeps its downloaded and unpacked source: {@code <work-dir>/<job id>/}. */
final class WorkArea {
    private static final Logger LOG = LoggerFactory.getLogger(WorkArea.class);
    private final Path root;
    private final Duration maxAge;

    WorkArea(Path root, Duration maxAge) {
        this.root = root;
        this.maxAge = maxAge;
    }

    /** The job's folder (job ids are 64 hex characters, so they are safe as folder names). */
    Path folder(String jobId) {
        if (!jobId.matches("[0-9a-f]{64}")) throw new IllegalArgumentException("not a job id: " + jobId);
        return root.resolve(jobId);
    }

    /** Removes the job's folder, if any. */
    void delete(String jobId) {
        deleteTree(folder(jobId));
    }

    /** Removes job folders untouched for longer than the maximum age (left by jobs that failed or ran elsewhere). */
    void sweep() {
        if (!Files.isDirectory(root)) return;
        Instant cutoff = Instant.now().minus(maxAge);
        try (Stream<Path> folders = Files.list(root)) {
            folders.filter(folder -> isOlderThan(folder, cutoff)).forEach(folder -> {
                LOG.info("removing stale work folder {}", folder);
                deleteTree(folder);
            });
        } catch (IOException e) {
            LOG.warn("could not sweep {}: {}", root, e.getMessage());
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
