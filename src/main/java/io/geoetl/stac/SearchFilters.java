package io.geoetl.stac;

import com.fasterxml.jackson.databind.JsonNode;
import io.geoetl.http.support.ApiException;
import io.geoetl.store.StacQuery;
import java.util.List;

/** The filter extension: a CQL2 filter of a search becomes a condition on stac.items. */
final class SearchFilters {
    private SearchFilters() {}

    /** Null without a filter; 400 naming the problem otherwise. */
    static StacQuery.Condition condition(JsonNode filter, String lang, List<String> collections) {
        if (filter == null) return null;
        throw new ApiException(400, "filter_not_supported", "this router does not evaluate CQL2 filters yet (filter-lang " + lang + ")");
    }
}
