package io.geoetl.gdal;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;

/**
 * Acquisition dates as the files write them, to RFC 3339 UTC: TIFF and EXIF
 * ({@code 2024:05:06 07:08:09}), GDAL's IMAGERY domain ({@code 2024-05-06 07:08:09}), IMD and
 * other ISO 8601 stamps (with or without fraction and offset), or a bare date. A stamp without
 * an offset is taken as UTC (TIFF and EXIF carry none; satellite metadata is in UTC).
 */
final class SensorDates {
    private static final List<DateTimeFormatter> LOCAL = List.of(
            DateTimeFormatter.ofPattern("uuuu:MM:dd HH:mm:ss"),
            DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss"),
            DateTimeFormatter.ISO_LOCAL_DATE_TIME);

    private SensorDates() {}

    static Optional<String> toRfc3339(String raw) {
        String text = Texts.unquote(raw);
        try {
            return Optional.of(rfc3339(OffsetDateTime.parse(text)));
        } catch (DateTimeParseException notOffset) {
            // try the zone-less forms below
        }
        for (DateTimeFormatter format : LOCAL) {
            try {
                return Optional.of(rfc3339(LocalDateTime.parse(text, format).atOffset(ZoneOffset.UTC)));
            } catch (DateTimeParseException e) {
                // next form
            }
        }
        try {
            return Optional.of(rfc3339(LocalDate.parse(text).atStartOfDay().atOffset(ZoneOffset.UTC)));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    private static String rfc3339(OffsetDateTime time) {
        return time.toInstant().truncatedTo(ChronoUnit.MILLIS).toString();
    }
}
