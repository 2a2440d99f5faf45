package io.geoetl.store;

import java.util.regex.Pattern;

/**
 * SQL identifiers built from user input: validated against {@link #PATTERN} and always quoted.
 * Anything else is a programming error (parameters are validated at submission).
 */
public final class Identifiers {
    /** The only identifiers geoetl builds from user input. */
    public static final Pattern PATTERN = Pattern.compile("^[a-z_][a-z0-9_]{0,62}$");
    private static final int MAX_LENGTH = 63;

    private Identifiers() {}

    public static boolean isValid(String name) {
        return name != null && PATTERN.matcher(name).matches();
    }

    /** {@code "name"}, after checking it against {@link #PATTERN}. */
    public static String quote(String name) {
        if (!isValid(name)) {
            throw new IllegalArgumentException("not a valid SQL identifier: " + name);
        }
        return '"' + name + '"';
    }

    /** {@code "schema"."name"}. */
    public static String qualified(String schema, String name) {
        return quote(schema) + "." + quote(name);
    }

    /** {@code base + suffix}, with {@code base} shortened so the result fits PostgreSQL's 63 characters. */
    public static String withSuffix(String base, String suffix) {
        int room = MAX_LENGTH - suffix.length();
        return (base.length() > room ? base.substring(0, room) : base) + suffix;
    }
}
