package io.geoetl.store;

/** The PostgreSQL types an ingested attribute column can have, each written in binary COPY format. */
public enum ColumnType {
    BOOLEAN("boolean"),
    SMALLINT("smallint"),
    INTEGER("integer"),
    BIGINT("bigint"),
    REAL("real"),
    DOUBLE("double precision"),
    TEXT("text"),
    DATE("date"),
    TIME("time"),
    TIMESTAMPTZ("timestamptz"),
    BYTEA("bytea"),
    JSONB("jsonb");

    private final String sql;

    ColumnType(String sql) {
        this.sql = sql;
    }

    public String sql() {
        return sql;
    }

    public boolean isTemporal() {
        return this == DATE || this == TIMESTAMPTZ;
    }
}
