package io.geoetl.store;

/** An attribute column of an ingested table: its (validated) name and type. */
public record TableColumn(String name, ColumnType type) {
    public TableColumn {
        if (!Identifiers.isValid(name)) {
            throw new IllegalArgumentException("not a valid column name: " + name);
        }
    }
}
