package io.geoetl.docs;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The example command blocks of a Markdown page: fenced blocks whose info string starts with
 * {@code bash} or {@code sh}. After the language the info string may carry a marker that says why
 * the block is not run: {@code azure-only: <reason>} or {@code not-run: <reason>} (docs/testing.md).
 */
final class DocExamples {
    private DocExamples() {}

    /** One command block: where it is, its marker (null = run it) and its text. */
    record Block(String where, String marker, String text) {
        boolean runnable() {
            return marker == null;
        }

        /** A marker must say why: {@code azure-only: …} or {@code not-run: …} with a reason. */
        boolean markerExplained() {
            return marker.matches("(azure-only|not-run): \\S.*");
        }
    }

    static List<Block> of(Path page) throws IOException {
        List<String> lines = Files.readAllLines(page);
        List<Block> blocks = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (!line.startsWith("```")) continue;
            String info = line.substring(3).trim();
            int end = i + 1;
            while (end < lines.size() && !lines.get(end).startsWith("```")) end++;
            String language = info.split("\\s+", 2)[0];
            if (language.equals("bash") || language.equals("sh")) {
                String marker = info.contains(" ") ? info.substring(info.indexOf(' ') + 1).trim() : null;
                blocks.add(new Block(page + ":" + (i + 1), marker, String.join("\n", lines.subList(i + 1, end))));
            }
            i = end;
        }
        return blocks;
    }
}
