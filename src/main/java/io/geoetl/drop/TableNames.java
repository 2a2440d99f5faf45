package io.geoetl.drop;

import java.text.Normalizer;
import java.util.Locale;

/**
 * A default table name from a file name: the listed ending dropped, accents removed, lower case,
 * every run of other characters one underscore, a leading digit prefixed with "t_", at most 63
 * characters, so the result always matches ^[a-z_][a-z0-9_]{0,62}$ ("Straßen 2024 (v2).GeoJSON" →
 * "strassen_2024_v2"; a name with nothing usable left → "dropped_file").
 */
public final class TableNames {
    private static final int MAX_LENGTH = 63;

    private TableNames() {}

    public static String fromFileName(String blobName, String extension) {
        String fileName = JobTypeByExtension.fileName(blobName);
        if (fileName.toLowerCase(Locale.ROOT).endsWith(extension)) {
            fileName = fileName.substring(0, fileName.length() - extension.length());
        }
        String ascii = Normalizer.normalize(fileName.replace("ß", "ss"), Normalizer.Form.NFKD).replaceAll("\\p{M}+", "");
        String name = ascii.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "_").replaceAll("^_+|_+$", "");
        if (name.isEmpty()) return "dropped_file";
        if (Character.isDigit(name.charAt(0))) name = "t_" + name;
        if (name.length() > MAX_LENGTH) name = name.substring(0, MAX_LENGTH).replaceAll("_+$", "");
        return name;
    }
}
