package io.geoetl.promote;

import io.geoetl.http.support.ApiException;
import java.util.regex.Pattern;

/** "collection/item" as GET /api/lineage?stac= takes it; the ids follow the catalogue's rules (stac.StacIds). */
record StacItemReference(String collection, String item) {
    private static final Pattern COLLECTION = Pattern.compile("^[A-Za-z0-9_][A-Za-z0-9_.\\-]{0,99}$");
    private static final Pattern ITEM = Pattern.compile("^[A-Za-z0-9_][A-Za-z0-9_.:\\-]{0,199}$");

    /** The reference in {@code text}; a 400 naming the expected form otherwise. */
    static StacItemReference parse(String text) {
        String trimmed = text.trim();
        int slash = trimmed.indexOf('/');
        if (slash > 0) {
            StacItemReference reference = new StacItemReference(trimmed.substring(0, slash), trimmed.substring(slash + 1));
            if (COLLECTION.matcher(reference.collection()).matches() && ITEM.matcher(reference.item()).matches()) return reference;
        }
        throw new ApiException(400, "invalid_query", "stac must be collection/item (ids of letters, digits, _ . - and, in item ids, :), got '"
                + text + "'");
    }

    @Override
    public String toString() {
        return collection + "/" + item;
    }
}
