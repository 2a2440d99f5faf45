package io.geoetl.vector;

import java.text.Normalizer;
import java.util.Set;

/** Turns names found in files (field names, file names) into plain SQL identifiers. */
final class SqlNames {
    /** PostgreSQL's reserved key words (also those that can be function or type names). */
    static final Set<String> RESERVED = Set.of(
            "all", "analyse", "analyze", "and", "any", "array", "as", "asc", "asymmetric", "authorization", "binary", "both",
            "case", "cast", "check", "collate", "collation", "column", "concurrently", "constraint", "create", "cross",
            "current_catalog", "current_date", "current_role", "current_schema", "current_time", "current_timestamp",
            "current_user", "default", "deferrable", "desc", "distinct", "do", "else", "end", "except", "false", "fetch", "for",
            "foreign", "freeze", "from", "full", "grant", "group", "having", "ilike", "in", "initially", "inner", "intersect",
            "into", "is", "isnull", "join", "lateral", "leading", "left", "like", "limit", "localtime", "localtimestamp",
            "natural", "not", "notnull", "null", "offset", "on", "only", "or", "order", "outer", "overlaps", "placing", "primary",
            "references", "returning", "right", "select", "session_user", "similar", "some", "symmetric", "system_user", "table",
            "tablesample", "then", "to", "trailing", "true", "union", "unique", "user", "using", "variadic", "verbose", "when",
            "where", "window", "with");

    private SqlNames() {}

    /**
     * Lower-case ASCII letters, digits and single underscores (accents removed, anything else
     * becomes {@code _}); prefixed with {@code _} when it starts with a digit or is a reserved word;
     * at most 63 characters. Empty when nothing usable is left.
     */
    static String sanitise(String text) {
        String ascii = Normalizer.normalize(transliterate(text == null ? "" : text), Normalizer.Form.NFKD).replaceAll("\\p{M}", "");
        StringBuilder name = new StringBuilder(ascii.length());
        for (int i = 0; i < ascii.length(); i++) {
            char c = Character.toLowerCase(ascii.charAt(i));
            boolean keep = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
            if (keep) {
                name.append(c);
            } else if (name.length() > 0 && name.charAt(name.length() - 1) != '_') {
                name.append('_');
            }
        }
        while (name.length() > 0 && name.charAt(name.length() - 1) == '_') name.setLength(name.length() - 1);
        String result = name.toString();
        if (result.isEmpty()) return result;
        if (Character.isDigit(result.charAt(0)) || RESERVED.contains(result)) result = "_" + result;
        return result.length() > 63 ? trimTrailingUnderscore(result.substring(0, 63)) : result;
    }

    /** Latin letters that no Unicode decomposition turns into ASCII. */
    private static String transliterate(String text) {
        return text.replace("ß", "ss").replace("æ", "ae").replace("Æ", "AE").replace("œ", "oe").replace("Œ", "OE")
                .replace("ø", "o").replace("Ø", "O").replace("ł", "l").replace("Ł", "L").replace("đ", "d").replace("Đ", "D");
    }

    /** The default table name for a blob: its file name without directories and extensions, sanitised. */
    static String tableNameFor(String blobName) {
        String file = blobName.substring(blobName.lastIndexOf('/') + 1);
        int dot = file.indexOf('.');
        String name = sanitise(dot > 0 ? file.substring(0, dot) : file);
        return name.isEmpty() ? "layer" : name;
    }

    private static String trimTrailingUnderscore(String name) {
        int end = name.length();
        while (end > 1 && name.charAt(end - 1) == '_') end--;
        return name.substring(0, end);
    }
}
