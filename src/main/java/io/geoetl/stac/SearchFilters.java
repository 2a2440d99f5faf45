package io.geoetl.stac;

import com.fasterxml.jackson.databind.JsonNode;
import io.geoetl.http.support.ApiException;
import io.geoetl.stac.filter.Condition;
import io.geoetl.stac.filter.Cql2;
import io.geoetl.stac.filter.FilterException;
import io.geoetl.stac.filter.Queryables;
import io.geoetl.store.SqlFragment;
import io.geoetl.store.StacFilterSql;
import io.geoetl.store.StacQuery;
import io.geoetl.store.StacRepository;
import java.util.Map;

/**
 * The filter extension: a search's CQL2 filter (text or JSON) becomes a condition on stac.items,
 * checked against the queryables of the searched collections (the same JSON Schema /queryables
 * serves). A filter that does not parse, names an unknown property or uses an unsupported
 * operator is a 400 naming it.
 */
final class SearchFilters {
    private SearchFilters() {
    }

    /** Null without a filter; {@code stac} is the search's own transaction (it reads the queryables). */
    static StacQuery.Condition condition(SearchRequest request, StacRepository stac) {
        JsonNode filter = request.filter();
        if (filter == null) return null;
        try {
            Condition parsed = filter.isTextual() && Cql2.TEXT.equals(request.filterLang())
                    ? Cql2.parseText(filter.asText())
                    : filter.isTextual() ? Cql2.parseJson(filter.asText()) : Cql2.parseJson(filter);
            Map<String, String> properties = stac.queryables(request.collections());
            Queryables queryables = Queryables.fromJsonSchema(QueryablesSchema.schema("", properties));
            SqlFragment where = StacFilterSql.where(parsed, queryables);
            return new StacQuery.Condition(where.sql(), where.params());
        } catch (FilterException e) {
            throw new ApiException(400, e.code(), "filter (" + request.filterLang() + "): " + e.getMessage());
        }
    }
}
