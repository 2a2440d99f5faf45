package io.geoetl.store;

/**
 * Where a batch writes its rows, value by value, in column order: {@link #startRow} with the
 * number of values, then one write per value. Dates and times are counted from 2000-01-01, as
 * PostgreSQL stores them.
 */
public interface RowSink {
    void startRow(int values);

    void writeNull();

    void writeBoolean(boolean value);

    void writeShort(short value);

    void writeInt(int value);

    void writeLong(long value);

    void writeFloat(float value);

    void writeDouble(double value);

    /** Text (UTF-8), bytea or a geometry (EWKB): the raw bytes. */
    void writeBytes(byte[] bytes, int offset, int length);

    /** A jsonb value from its UTF-8 JSON text. */
    void writeJson(byte[] utf8);

    /** A date: days since 2000-01-01. */
    void writeDate(int daysSince2000);

    /** A time of day: microseconds since midnight. */
    void writeTime(long micros);

    /** A timestamptz: microseconds since 2000-01-01T00:00Z. */
    void writeTimestamp(long microsSince2000);
}
