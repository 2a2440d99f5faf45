package io.geoetl.work;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** What an unpacked archive holds, for a job type that looks for its files in it (.shp, .tif, …). */
public final class UnpackedFiles {
    private final Path root;
    private final List<Path> all;

    private UnpackedFiles(Path root, List<Path> all) {
        this.root = root;
        this.all = all;
    }

    /** Every file and folder under {@code root}, sorted, without macOS resource forks (__MACOSX). */
    public static UnpackedFiles in(Path root) throws IOException {
        try (Stream<Path> paths = Files.walk(root)) {
            return new UnpackedFiles(root, paths.filter(p -> !p.equals(root) && !p.toString().contains("__MACOSX")).sorted().toList());
        }
    }

    /** Files (or, with {@code directories}, folders) whose name ends in {@code extension}, case ignored. */
    public List<Path> withExtension(String extension, boolean directories) {
        String lower = extension.toLowerCase(Locale.ROOT);
        return all.stream()
                .filter(p -> p.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(lower))
                .filter(p -> directories == Files.isDirectory(p))
                .toList();
    }

    /** Every entry, relative to the root, for an error message. */
    public String names() {
        return names(all);
    }

    /** Some of the paths (at most 20), relative to the root, for an error message; "none" when empty. */
    public String names(List<Path> paths) {
        if (paths.isEmpty()) return "none";
        return paths.stream().limit(20).map(p -> root.relativize(p).toString()).collect(Collectors.joining(", "))
                + (paths.size() > 20 ? ", …" : "");
    }
}
