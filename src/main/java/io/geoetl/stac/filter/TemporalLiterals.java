package io.geoetl.stac.filter;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.regex.Pattern;

/** Reads the strings inside TIMESTAMP(…), DATE(…) and INTERVAL(…), the same for both encodings. */
final class TemporalLiterals {
    private static final Pattern DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");

    private TemporalLiterals() {}

    /** An RFC 3339 timestamp with its offset ({@code 2020-01-01T10:00:00Z}). */
    static Operand.TimestampLiteral timestamp(String text) {
        try {
            return new Operand.TimestampLiteral(OffsetDateTime.parse(text, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant());
        } catch (DateTimeParseException e) {
            throw FilterException.invalid("'" + text + "' is not a timestamp like '2020-01-01T10:00:00Z' (RFC 3339, "
                    + "with Z or an offset)");
        }
    }

    static Operand.DateLiteral date(String text) {
        try {
            if (!DATE.matcher(text).matches()) throw new DateTimeParseException("not yyyy-mm-dd", text, 0);
            return new Operand.DateLiteral(LocalDate.parse(text));
        } catch (DateTimeParseException e) {
            throw FilterException.invalid("'" + text + "' is not a date like '2020-01-31'");
        }
    }

    /** One end of an interval: {@code '..'} (open), a date or a timestamp. */
    static Operand intervalEnd(String text) {
        if ("..".equals(text)) return new Operand.OpenEnd();
        return DATE.matcher(text).matches() ? date(text) : timestamp(text);
    }
}
