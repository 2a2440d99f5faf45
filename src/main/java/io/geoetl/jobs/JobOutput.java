package io.geoetl.jobs;

import java.util.regex.Pattern;

/**
 * Something a job leaves behind, declared by its {@link JobType#outputs} so that
 * POST /api/jobs/{id}/cleanup can list and delete it through the right layer.
 */
public sealed interface JobOutput {
    /** SQL identifiers (schemas, tables, columns) accepted in outputs; they are quoted as well. */
    Pattern IDENTIFIER = Pattern.compile("^[a-z_][a-z0-9_]{0,62}$");

    /** The kind name used in API responses. */
    String kind();

    /** Where it is, for people: container/prefix, schema.table … */
    String location();

    /** Every blob whose name starts with {@code prefix} in {@code container}. */
    record BlobPrefix(String container, String prefix) implements JobOutput {
        public BlobPrefix {
            if (container == null || container.isBlank()) throw new IllegalArgumentException("blob output needs a container");
            if (prefix == null || prefix.isEmpty()) {
                throw new IllegalArgumentException("blob output needs a non-empty prefix (an empty one is the whole container)");
            }
        }

        @Override
        public String kind() {
            return "blob_prefix";
        }

        @Override
        public String location() {
            return container + "/" + prefix;
        }
    }

    /**
     * A whole PostGIS table (dropped by cleanup). With a {@code publishedBy} job id, a published
     * table: cleanup drops it only while the catalog still names that job, checked in the dropping
     * transaction under the lock publishing takes (an overwrite published meanwhile stays).
     */
    record Table(String schema, String table, String publishedBy) implements JobOutput {
        public Table {
            requireIdentifier(schema, "schema");
            requireIdentifier(table, "table");
        }

        /** A table only this job could have made (e.g. its staging tables). */
        public Table(String schema, String table) {
            this(schema, table, null);
        }

        @Override
        public String kind() {
            return "table";
        }

        @Override
        public String location() {
            return schema + "." + table;
        }
    }

    /** Catalog or metadata rows: those of {@code schema.table} whose {@code column} equals {@code value}. */
    record Rows(String schema, String table, String column, String value) implements JobOutput {
        public Rows {
            requireIdentifier(schema, "schema");
            requireIdentifier(table, "table");
            requireIdentifier(column, "column");
            if (value == null) throw new IllegalArgumentException("row output needs a key value");
        }

        @Override
        public String kind() {
            return "rows";
        }

        @Override
        public String location() {
            return schema + "." + table + " where " + column + " = '" + value + "'";
        }
    }

    /** One STAC item (stac.items, by collection and id). */
    record StacItem(String collection, String itemId) implements JobOutput {
        public StacItem {
            if (collection == null || collection.isBlank() || itemId == null || itemId.isBlank()) {
                throw new IllegalArgumentException("STAC item output needs a collection and an item id");
            }
        }

        @Override
        public String kind() {
            return "stac_item";
        }

        @Override
        public String location() {
            return "stac " + collection + "/" + itemId;
        }
    }

    private static void requireIdentifier(String name, String what) {
        if (name == null || !IDENTIFIER.matcher(name).matches()) {
            throw new IllegalArgumentException(what + " '" + name + "' is not a valid identifier (" + IDENTIFIER.pattern() + ")");
        }
    }
}
