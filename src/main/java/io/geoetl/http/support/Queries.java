package io.geoetl.http.support;

import org.apache.camel.Message;

/** Query parameters (Camel puts them in headers) read with a default and a range; 400 otherwise. */
public final class Queries {
    private Queries() {}

    public static int integer(Message in, String name, int defaultValue, int min, int max) {
        String text = in.getHeader(name, String.class);
        if (text == null || text.isBlank()) return defaultValue;
        try {
            int value = Integer.parseInt(text.trim());
            if (value < min || value > max) throw new NumberFormatException();
            return value;
        } catch (NumberFormatException e) {
            throw new ApiException(400, "invalid_query", name + " must be an integer between " + min + " and " + max + ", got '" + text + "'");
        }
    }

    /** A 64-bit integer (ids that are bigint in the database), with a range; 400 otherwise. */
    public static long longInteger(Message in, String name, long defaultValue, long min, long max) {
        String text = in.getHeader(name, String.class);
        if (text == null || text.isBlank()) return defaultValue;
        try {
            long value = Long.parseLong(text.trim());
            if (value < min || value > max) throw new NumberFormatException();
            return value;
        } catch (NumberFormatException e) {
            throw new ApiException(400, "invalid_query", name + " must be an integer between " + min + " and " + max + ", got '" + text + "'");
        }
    }

    public static boolean bool(Message in, String name, boolean defaultValue) {
        String text = in.getHeader(name, String.class);
        if (text == null || text.isBlank()) return defaultValue;
        return switch (text.trim().toLowerCase()) {
            case "true", "1", "yes" -> true;
            case "false", "0", "no" -> false;
            default -> throw new ApiException(400, "invalid_query", name + " must be true or false, got '" + text + "'");
        };
    }
}
