package io.geoetl.features;

import io.geoetl.store.FeatureTable;
import io.geoetl.store.Identifiers;
import java.util.Optional;

/**
 * Collection ids of catalogued tables: the table name for tables in the default schema
 * {@code geo}, {@code schema.table} for the others (a dot cannot occur in a table name).
 */
final class CollectionIds {
    static final String DEFAULT_SCHEMA = "geo";

    private CollectionIds() {}

    static String of(FeatureTable table) {
        return table.schema().equals(DEFAULT_SCHEMA) ? table.table() : table.schema() + "." + table.table();
    }

    /** Schema and table named by an id; empty when the id cannot name a table. */
    static Optional<String[]> parse(String id) {
        if (id == null) return Optional.empty();
        String[] parts = id.contains(".") ? id.split("\\.", -1) : new String[] {DEFAULT_SCHEMA, id};
        if (parts.length != 2 || !Identifiers.isValid(parts[0]) || !Identifiers.isValid(parts[1])) return Optional.empty();
        return Optional.of(parts);
    }
}
