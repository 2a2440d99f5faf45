package io.geoetl.stac;

import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;

/** RFC 3339 date-times (2024-05-01T12:00:00Z, with an offset, with fractions); null when it does not parse. */
final class Rfc3339 {
    private Rfc3339() {}

    static OffsetDateTime parse(String text) {
        if (text == null) return null;
        try {
            return OffsetDateTime.parse(text.trim().toUpperCase(Locale.ROOT), DateTimeFormatter.ISO_OFFSET_DATE_TIME);
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
