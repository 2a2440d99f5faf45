package io.geoetl.vector;

import com.fasterxml.jackson.databind.node.ArrayNode;
import io.geoetl.jobs.BadInputException;
import io.geoetl.jobs.Json;
import io.geoetl.store.ColumnType;
import io.geoetl.store.RowSink;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.List;
import org.gdal.ogr.Feature;
import org.gdal.ogr.ogr;

/**
 * Writes a cleaned feature as staging rows: id, the attribute values in binary form, the EWKB
 * geometry (and its family for mixed layers); one row per geometry family the feature holds.
 * Dates and timestamps outside years 1..9999, or not on the calendar, become NULL (cleaning
 * step 8). Timestamps without a time zone are taken as UTC.
 */
final class FeatureRowWriter {
    private static final long DAYS_FROM_1970_TO_2000 = 10_957;
    private static final long MICROS_PER_DAY = 86_400_000_000L;
    private final int[] fields;
    private final ColumnType[] types;
    private final int[] ogrTypes;
    private final String[] names;
    private final String[] sources;
    private final TextDecoder text;
    private final CleaningCounts counts;
    private final boolean withFamily;
    private final int values;
    private final int[] year = new int[1];
    private final int[] month = new int[1];
    private final int[] day = new int[1];
    private final int[] hour = new int[1];
    private final int[] minute = new int[1];
    private final float[] second = new float[1];
    private final int[] zone = new int[1];

    FeatureRowWriter(List<PlannedColumn> columns, TextDecoder text, CleaningCounts counts, boolean withFamily) {
        int n = columns.size();
        this.fields = new int[n];
        this.types = new ColumnType[n];
        this.ogrTypes = new int[n];
        this.names = new String[n];
        this.sources = new String[n];
        for (int i = 0; i < n; i++) {
            PlannedColumn column = columns.get(i);
            fields[i] = column.field();
            types[i] = column.type();
            ogrTypes[i] = column.ogrType();
            names[i] = column.name();
            sources[i] = column.source();
        }
        this.text = text;
        this.counts = counts;
        this.withFamily = withFamily;
        this.values = 2 + n + (withFamily ? 1 : 0);
    }

    /** Writes the feature's rows; returns how many. */
    int write(Feature feature, long id, GeometryEncoder geometry, FamilyExtents extents, RowSink sink) {
        int rows = 0;
        for (GeometryFamily family : GeometryFamily.values()) {
            if (!geometry.has(family)) continue;
            sink.startRow(values);
            sink.writeLong(id);
            for (int c = 0; c < fields.length; c++) writeValue(feature, c, id, rows == 0, sink);
            sink.writeBytes(geometry.bytes(family), 0, geometry.length(family));
            if (withFamily) sink.writeShort(family.code());
            extents.add(family, geometry);
            rows++;
        }
        return rows;
    }

    private void writeValue(Feature feature, int c, long id, boolean firstRow, RowSink sink) {
        int field = fields[c];
        if (!feature.IsFieldSetAndNotNull(field)) {
            sink.writeNull();
            return;
        }
        switch (types[c]) {
            case BOOLEAN -> sink.writeBoolean(feature.GetFieldAsInteger(field) != 0);
            case SMALLINT -> sink.writeShort((short) feature.GetFieldAsInteger(field));
            case INTEGER -> sink.writeInt(feature.GetFieldAsInteger(field));
            case BIGINT -> sink.writeLong(feature.GetFieldAsInteger64(field));
            case REAL -> sink.writeFloat((float) feature.GetFieldAsDouble(field));
            case DOUBLE -> sink.writeDouble(feature.GetFieldAsDouble(field));
            case TEXT -> {
                byte[] value = utf8(feature.GetFieldAsBinary(field), c, id);
                sink.writeBytes(value, 0, value.length);
            }
            case BYTEA -> {
                byte[] value = feature.GetFieldAsBinary(field);
                sink.writeBytes(value, 0, value.length);
            }
            case DATE, TIME, TIMESTAMPTZ -> writeTemporal(feature, c, firstRow, sink);
            case JSONB -> sink.writeJson(listAsJson(feature, c));
        }
    }

    private void writeTemporal(Feature feature, int c, boolean firstRow, RowSink sink) {
        feature.GetFieldAsDateTime(fields[c], year, month, day, hour, minute, second, zone);
        long timeOfDay = ((hour[0] * 60L + minute[0]) * 60L) * 1_000_000L + Math.round(second[0] * 1_000_000.0);
        if (types[c] == ColumnType.TIME) {
            sink.writeTime(Math.max(0, Math.min(MICROS_PER_DAY, timeOfDay)));
            return;
        }
        long days;
        try {
            if (year[0] < 1 || year[0] > 9999) throw new DateTimeException("year out of range");
            days = LocalDate.of(year[0], month[0], day[0]).toEpochDay() - DAYS_FROM_1970_TO_2000;
        } catch (DateTimeException outOfRange) {
            if (firstRow) counts.datesNulled++;
            sink.writeNull();
            return;
        }
        if (types[c] == ColumnType.DATE) {
            sink.writeDate((int) days);
            return;
        }
        // GDAL's time zone flag: 0 unknown, 1 local time (both taken as UTC), 100 UTC, 100 ± n = UTC ± n×15 min
        long offsetMinutes = zone[0] > 1 ? (zone[0] - 100) * 15L : 0;
        sink.writeTimestamp(days * MICROS_PER_DAY + timeOfDay - offsetMinutes * 60_000_000L);
    }

    private byte[] utf8(byte[] raw, int c, long id) {
        try {
            return text.toUtf8(raw);
        } catch (CharacterCodingException e) {
            throw new BadInputException("column \"" + names[c] + "\" (field \"" + sources[c] + "\") of feature " + id
                    + " is not valid " + text.charsetName() + "; set the encoding parameter to the file's encoding "
                    + "(for CSV files and zipped Shapefiles), e.g. \"encoding\": \"windows-1252\"");
        }
    }

    private byte[] listAsJson(Feature feature, int c) {
        int field = fields[c];
        ArrayNode array = Json.array();
        if (ogrTypes[c] == ogr.OFTIntegerList) {
            for (int value : feature.GetFieldAsIntegerList(field)) array.add(value);
        } else if (ogrTypes[c] == ogr.OFTRealList) {
            for (double value : feature.GetFieldAsDoubleList(field)) {
                if (Double.isFinite(value)) array.add(value);
                else array.addNull();
            }
        } else if (ogrTypes[c] == ogr.OFTStringList) {
            for (String value : feature.GetFieldAsStringList(field)) array.add(value);
        } else {
            // Integer64List: GDAL formats it as "(n:v1,v2,...)"
            String formatted = feature.GetFieldAsString(field);
            String list = formatted.substring(formatted.indexOf(':') + 1, formatted.length() - 1);
            for (String value : list.split(",")) {
                if (!value.isEmpty()) array.add(Long.parseLong(value));
            }
        }
        return Json.write(array).getBytes(StandardCharsets.UTF_8);
    }
}
