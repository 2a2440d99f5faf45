package io.geoetl.work;

import io.geoetl.jobs.BadInputException;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;

/**
 * Unpacks an archive only after checking it: no entry may land outside the target folder (zip
 * slip), and neither the declared nor the actually unpacked size may pass the configured total
 * or ratio to the archive's size (zip bomb). A refused archive is bad input; what was unpacked so
 * far is left for the caller to delete with the job's folder.
 */
public final class SafeZipExtractor {
    private final long maxBytes;
    private final int maxRatio;
    private final int maxEntries;

    public SafeZipExtractor(long maxBytes, int maxRatio, int maxEntries) {
        this.maxBytes = maxBytes;
        this.maxRatio = maxRatio;
        this.maxEntries = maxEntries;
    }

    /** Unpacks {@code archive} (called {@code label} in messages) into the empty folder {@code target}. */
    public void extract(Path archive, Path target, String label) throws IOException {
        long packedBytes = Math.max(1, Files.size(archive));
        long limit = Math.min(maxBytes, packedBytes * maxRatio);
        Path root = target.toAbsolutePath().normalize();
        try (ZipFile zip = new ZipFile(archive.toFile())) {
            checkDeclared(zip, root, packedBytes, label);
            long written = 0;
            for (Enumeration<? extends ZipEntry> entries = zip.entries(); entries.hasMoreElements(); ) {
                ZipEntry entry = entries.nextElement();
                Path destination = destination(root, entry.getName(), label);
                if (entry.isDirectory() || destination.equals(root)) {
                    Files.createDirectories(destination);
                    continue;
                }
                Files.createDirectories(destination.getParent());
                try (InputStream in = zip.getInputStream(entry); OutputStream out = Files.newOutputStream(destination)) {
                    written = copy(in, out, written, limit, packedBytes, label);
                }
            }
        } catch (ZipException | EOFException e) {
            throw new BadInputException(label + " is not a readable zip archive: " + e.getMessage());
        }
    }

    private void checkDeclared(ZipFile zip, Path root, long packedBytes, String label) {
        if (zip.size() > maxEntries) {
            throw new BadInputException(label + " holds " + zip.size() + " entries, more than the limit of " + maxEntries
                    + " (geoetl.work.zip.max-entries)");
        }
        long declared = 0;
        for (Enumeration<? extends ZipEntry> entries = zip.entries(); entries.hasMoreElements(); ) {
            ZipEntry entry = entries.nextElement();
            destination(root, entry.getName(), label);
            declared += Math.max(0, entry.getSize());
        }
        checkSize(declared, packedBytes, label);
    }

    private long copy(InputStream in, OutputStream out, long written, long limit, long packedBytes, String label) throws IOException {
        byte[] buffer = new byte[64 * 1024];
        for (int n; (n = in.read(buffer)) > 0; ) {
            written += n;
            if (written > limit) checkSize(written, packedBytes, label);
            out.write(buffer, 0, n);
        }
        return written;
    }

    private void checkSize(long unpacked, long packed, String label) {
        if (unpacked > maxBytes) {
            throw new BadInputException(label + " unpacks to more than " + maxBytes + " bytes (geoetl.work.zip.max-extracted-bytes); "
                    + "the archive is refused as a possible zip bomb");
        }
        if (unpacked > packed * maxRatio) {
            throw new BadInputException(label + " unpacks to more than " + maxRatio + " times its size of " + packed + " bytes "
                    + "(geoetl.work.zip.max-ratio); the archive is refused as a possible zip bomb");
        }
    }

    private static Path destination(Path root, String entryName, String label) {
        Path destination = root.resolve(entryName).normalize();
        if (entryName.startsWith("/") || !destination.startsWith(root)) {
            throw new BadInputException(label + " holds the entry \"" + entryName + "\", which would be written outside the "
                    + "extraction folder (zip slip); the archive is refused");
        }
        return destination;
    }
}
