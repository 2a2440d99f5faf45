package io.geoetl.stac;

import io.geoetl.http.support.ApiException;
import java.time.OffsetDateTime;

/**
 * The datetime parameter: an instant, a closed interval (a/b) or a half-open one (../b, a/..,
 * an empty side counts as open). Null ends are open.
 */
record Interval(OffsetDateTime start, OffsetDateTime end) {
    static Interval parse(String text) {
        if (text == null || text.isBlank()) return null;
        String value = text.trim();
        int slash = value.indexOf('/');
        if (slash < 0) {
            OffsetDateTime instant = dateTime(value, text);
            return new Interval(instant, instant);
        }
        OffsetDateTime start = end(value.substring(0, slash), text);
        OffsetDateTime end = end(value.substring(slash + 1), text);
        if (start == null && end == null) {
            throw invalid(text, "at least one end of the interval must be a date-time");
        }
        if (start != null && end != null && start.isAfter(end)) throw invalid(text, "the start is after the end");
        return new Interval(start, end);
    }

    private static OffsetDateTime end(String part, String text) {
        String trimmed = part.trim();
        return trimmed.isEmpty() || trimmed.equals("..") ? null : dateTime(trimmed, text);
    }

    private static OffsetDateTime dateTime(String part, String text) {
        OffsetDateTime parsed = Rfc3339.parse(part);
        if (parsed == null) throw invalid(text, "'" + part + "' is not an RFC 3339 date-time such as 2024-05-01T12:00:00Z");
        return parsed;
    }

    private static ApiException invalid(String text, String why) {
        return new ApiException(400, "invalid_query", "datetime '" + text + "': " + why
                + " (use an instant, start/end, ../end or start/..)");
    }
}
