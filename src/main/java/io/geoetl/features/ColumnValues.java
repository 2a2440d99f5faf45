package io.geoetl.features;

import io.geoetl.http.support.ApiException;
import io.geoetl.store.TableColumn;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;

/** A {@code column=value} filter value read as its column's type, so a bad value is a 400 naming the column. */
final class ColumnValues {
    private ColumnValues() {}

    static Object parse(TableColumn column, String text) {
        String value = text.trim();
        try {
            return switch (column.type()) {
                case BOOLEAN -> bool(column, value);
                case SMALLINT, INTEGER, BIGINT -> Long.parseLong(value);
                case REAL -> Float.parseFloat(value);
                case DOUBLE -> Double.parseDouble(value);
                case TEXT -> text;
                case DATE -> LocalDate.parse(value);
                case TIME -> LocalTime.parse(value);
                case TIMESTAMPTZ -> OffsetDateTime.parse(value.toUpperCase());
                case BYTEA, JSONB -> throw new ApiException(400, "invalid_query",
                        "column " + column.name() + " is " + column.type().sql() + ", which cannot be filtered by equality");
            };
        } catch (NumberFormatException | DateTimeParseException e) {
            throw new ApiException(400, "invalid_query", "column " + column.name() + " is " + column.type().sql()
                    + ": '" + text + "' is not a value of that type");
        }
    }

    private static Boolean bool(TableColumn column, String value) {
        return switch (value.toLowerCase()) {
            case "true" -> Boolean.TRUE;
            case "false" -> Boolean.FALSE;
            default -> throw new ApiException(400, "invalid_query", "column " + column.name() + " is boolean: use true or false, not '" + value + "'");
        };
    }
}
