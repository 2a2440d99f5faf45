package io.geoetl.features;

import io.geoetl.http.support.ApiException;
import io.geoetl.store.FeatureQuery.TimeRange;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

/**
 * The datetime parameter: an instant or an interval {@code start/end} (RFC 3339), either end
 * open as {@code ..} or empty. A plain date stands for its whole day in UTC: as an instant or an
 * interval's end it reaches to (not including) the next midnight.
 */
final class Datetime {
    private static final String OPEN = "..";

    private Datetime() {}

    static TimeRange parse(String text) {
        String value = text.trim();
        int slash = value.indexOf('/');
        if (slash < 0) {
            if (value.isEmpty() || value.equals(OPEN)) throw invalid(text, "an instant cannot be open");
            if (isDate(value)) {
                LocalDate day = date(text, value);
                return new TimeRange(midnight(day), midnight(day.plusDays(1)), true);
            }
            OffsetDateTime instant = dateTime(text, value);
            return new TimeRange(instant, instant, false);
        }
        String startText = value.substring(0, slash).trim();
        String endText = value.substring(slash + 1).trim();
        if (endText.contains("/")) throw invalid(text, "an interval has one '/'");
        OffsetDateTime start = isOpen(startText) ? null : isDate(startText) ? midnight(date(text, startText)) : dateTime(text, startText);
        OffsetDateTime end = null;
        boolean exclusive = false;
        if (!isOpen(endText)) {
            if (isDate(endText)) {
                end = midnight(date(text, endText).plusDays(1));
                exclusive = true;
            } else {
                end = dateTime(text, endText);
            }
        }
        if (start != null && end != null && start.isAfter(end)) throw invalid(text, "the start is after the end");
        return new TimeRange(start, end, exclusive);
    }

    private static boolean isOpen(String part) {
        return part.isEmpty() || part.equals(OPEN);
    }

    private static boolean isDate(String part) {
        return part.length() == 10 && part.charAt(4) == '-' && part.charAt(7) == '-';
    }

    private static LocalDate date(String text, String part) {
        try {
            return LocalDate.parse(part);
        } catch (DateTimeParseException e) {
            throw invalid(text, "'" + part + "' is not a date (YYYY-MM-DD)");
        }
    }

    private static OffsetDateTime dateTime(String text, String part) {
        try {
            return OffsetDateTime.parse(part.toUpperCase());
        } catch (DateTimeParseException e) {
            throw invalid(text, "'" + part + "' is not an RFC 3339 date-time with a time zone, e.g. 2024-05-01T12:00:00Z");
        }
    }

    private static OffsetDateTime midnight(LocalDate day) {
        return day.atStartOfDay().atOffset(ZoneOffset.UTC);
    }

    private static ApiException invalid(String text, String why) {
        return new ApiException(400, "invalid_query", "datetime '" + text + "': " + why);
    }
}
