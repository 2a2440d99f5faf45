package io.geoetl.store;

/**
 * The STAC item a promotion publishes with its target table, in the production transaction that
 * writes the table's catalog row. The document is made once the target's row count is known.
 */
public interface PromotedItem {

    /** The production collection; created from {@link #collectionJson()} when missing. */
    String collection();

    /** The collection document, copied from staging (null when the source has no item). */
    String collectionJson();

    String itemId();

    /**
     * The item to store for a target of {@code targetRows} rows; {@code existingJson} is the
     * production item now (or null). Null: the target has no item, an existing one is removed.
     */
    String document(long targetRows, String existingJson);
}
