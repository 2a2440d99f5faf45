package io.geoetl.store;

import java.sql.SQLException;
import org.postgresql.copy.CopyIn;

/**
 * Writes the rows of one batch in PostgreSQL's binary COPY format, buffered into a running
 * {@link CopyIn}; every row starts with the batch number. The server parses binary rows (EWKB
 * geometries included) more than twice as fast as text rows.
 */
final class BatchCopyWriter implements RowSink {
    private static final byte[] HEADER = {'P', 'G', 'C', 'O', 'P', 'Y', '\n', (byte) 0xff, '\r', '\n', 0, 0, 0, 0, 0, 0, 0, 0, 0};
    private static final int JSONB_VERSION = 1;
    private final CopyIn copy;
    private final int batch;
    private final byte[] buffer = new byte[1 << 18];
    private int position;

    BatchCopyWriter(CopyIn copy, int batch) {
        this.copy = copy;
        this.batch = batch;
        put(HEADER, 0, HEADER.length);
    }

    /** Writes the trailer and ends the COPY; returns the number of rows the server took. */
    long finish() throws SQLException {
        ensure(2);
        putShort((short) -1);
        flush();
        return copy.endCopy();
    }

    @Override
    public void startRow(int values) {
        ensure(10);
        putShort((short) (values + 1));
        putInt(4);
        putInt(batch);
    }

    @Override
    public void writeNull() {
        ensure(4);
        putInt(-1);
    }

    @Override
    public void writeBoolean(boolean value) {
        ensure(5);
        putInt(1);
        buffer[position++] = (byte) (value ? 1 : 0);
    }

    @Override
    public void writeShort(short value) {
        ensure(6);
        putInt(2);
        putShort(value);
    }

    @Override
    public void writeInt(int value) {
        ensure(8);
        putInt(4);
        putInt(value);
    }

    @Override
    public void writeLong(long value) {
        ensure(12);
        putInt(8);
        putLong(value);
    }

    @Override
    public void writeFloat(float value) {
        writeInt(Float.floatToRawIntBits(value));
    }

    @Override
    public void writeDouble(double value) {
        writeLong(Double.doubleToRawLongBits(value));
    }

    @Override
    public void writeBytes(byte[] bytes, int offset, int length) {
        ensure(4);
        putInt(length);
        put(bytes, offset, length);
    }

    @Override
    public void writeJson(byte[] utf8) {
        ensure(5);
        putInt(utf8.length + 1);
        buffer[position++] = JSONB_VERSION;
        put(utf8, 0, utf8.length);
    }

    @Override
    public void writeDate(int daysSince2000) {
        writeInt(daysSince2000);
    }

    @Override
    public void writeTime(long micros) {
        writeLong(micros);
    }

    @Override
    public void writeTimestamp(long microsSince2000) {
        writeLong(microsSince2000);
    }

    private void put(byte[] bytes, int offset, int length) {
        while (length > 0) {
            if (position == buffer.length) flush();
            int n = Math.min(length, buffer.length - position);
            System.arraycopy(bytes, offset, buffer, position, n);
            position += n;
            offset += n;
            length -= n;
        }
    }

    private void putShort(short value) {
        buffer[position++] = (byte) (value >>> 8);
        buffer[position++] = (byte) value;
    }

    private void putInt(int value) {
        buffer[position++] = (byte) (value >>> 24);
        buffer[position++] = (byte) (value >>> 16);
        buffer[position++] = (byte) (value >>> 8);
        buffer[position++] = (byte) value;
    }

    private void putLong(long value) {
        putInt((int) (value >>> 32));
        putInt((int) value);
    }

    private void ensure(int bytes) {
        if (buffer.length - position < bytes) flush();
    }

    private void flush() {
        if (position == 0) return;
        try {
            copy.writeToCopy(buffer, 0, position);
        } catch (SQLException e) {
            throw new StoreException(e);
        }
        position = 0;
    }
}
