package io.geoetl.store;

/** schema.table, both parts valid identifiers ({@link Identifiers#PATTERN}). */
public record TableName(String schema, String table) {
    public TableName {
        if (!Identifiers.isValid(schema) || !Identifiers.isValid(table)) {
            throw new IllegalArgumentException("not a valid schema.table: " + schema + "." + table);
        }
    }

    /** "schema.table", or null when {@code text} is not two valid identifiers joined by a dot. */
    public static TableName parseOrNull(String text) {
        if (text == null) return null;
        int dot = text.indexOf('.');
        if (dot < 0 || text.indexOf('.', dot + 1) >= 0) return null;
        String schema = text.substring(0, dot);
        String table = text.substring(dot + 1);
        return Identifiers.isValid(schema) && Identifiers.isValid(table) ? new TableName(schema, table) : null;
    }

    public static TableName parse(String text) {
        TableName name = parseOrNull(text);
        if (name == null) throw new IllegalArgumentException("not a valid schema.table: " + text);
        return name;
    }

    /** The same schema, another table. */
    public TableName sibling(String otherTable) {
        return new TableName(schema, otherTable);
    }

    String quoted() {
        return Identifiers.qualified(schema, table);
    }

    @Override
    public String toString() {
        return schema + "." + table;
    }
}
