package io.geoetl.vector;

import io.geoetl.jobs.BadInputException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * GDAL 3.6's CSV driver has no option to set the delimiter: it takes the first of comma,
 * semicolon and tab found outside quotes in the header line (a comma when they are mixed). A
 * declared delimiter is therefore checked against that rule, so a file is never split wrongly.
 */
final class CsvHeader {
    private static final int MAX_HEADER_BYTES = 1 << 20;

    private CsvHeader() {}

    static void checkDelimiter(Path csv, String declared, String label) throws IOException {
        char detected = detect(firstLine(csv));
        if (detected != declared.charAt(0)) {
            throw new BadInputException(label + " is read with the delimiter " + show(detected) + " (GDAL takes it from the header line), "
                    + "but delimiter " + show(declared.charAt(0)) + " was declared; fix the header line or the delimiter parameter");
        }
    }

    /** GDAL's rule (CSVDetectSeperator): the first separator outside quotes; a comma when the line mixes them. */
    static char detect(String line) {
        boolean quoted = false;
        char found = 0;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '"') {
                quoted = !quoted;
            } else if (!quoted && (c == ',' || c == ';' || c == '\t')) {
                if (found == 0) found = c;
                else if (found != c) return ',';
            }
        }
        return found == 0 ? ',' : found;
    }

    private static String firstLine(Path csv) throws IOException {
        try (InputStream in = Files.newInputStream(csv)) {
            byte[] head = in.readNBytes(MAX_HEADER_BYTES);
            int end = 0;
            while (end < head.length && head[end] != '\n' && head[end] != '\r') end++;
            return new String(head, 0, end, StandardCharsets.ISO_8859_1);
        }
    }

    private static String show(char delimiter) {
        return delimiter == '\t' ? "tab" : "\"" + delimiter + "\"";
    }
}
