package io.geoetl.gdal;

import java.util.Optional;

/** Small parsers for metadata values, which come as text and sometimes in quotes (IMD files). */
final class Texts {
    private Texts() {}

    static String unquote(String raw) {
        String text = raw.trim();
        if (text.length() >= 2 && text.startsWith("\"") && text.endsWith("\"")) text = text.substring(1, text.length() - 1).trim();
        return text;
    }

    /** A finite number within [min, max], or empty. */
    static Optional<Double> number(String raw, double min, double max) {
        try {
            double value = Double.parseDouble(unquote(raw));
            return Double.isFinite(value) && value >= min && value <= max ? Optional.of(value) : Optional.empty();
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** The text without quotes, or empty when blank. */
    static Optional<String> nonBlank(String raw) {
        String text = unquote(raw);
        return text.isEmpty() ? Optional.empty() : Optional.of(text);
    }
}
