package io.geoetl.stac.filter;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Locale;

/**
 * CQL2 filters (OGC 21-065) for STAC item search, in either encoding, parsed into one {@link Condition}
 * tree. Supported: comparisons, LIKE, IN, BETWEEN, IS NULL, AND/OR/NOT, the spatial predicates (S_…)
 * and the temporal predicates (T_…); array predicates, CASEI/ACCENTI, arithmetic and functions give a
 * {@link FilterException} that names them.
 */
public final class Cql2 {
    /** The {@code filter-lang} values of the STAC filter extension. */
    public static final String TEXT = "cql2-text";
    public static final String JSON = "cql2-json";
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private Cql2() {}

    /** CQL2-text, e.g. {@code eo:cloud_cover < 10 AND S_INTERSECTS(geometry, BBOX(0, 40, 10, 50))}. */
    public static Condition parseText(String text) {
        return Cql2TextParser.parse(text);
    }

    /** CQL2-JSON, e.g. {@code {"op": "<", "args": [{"property": "eo:cloud_cover"}, 10]}}. */
    public static Condition parseJson(JsonNode json) {
        return Cql2JsonParser.parse(json);
    }

    /** CQL2-JSON given as text (a GET request's {@code filter} parameter with {@code filter-lang=cql2-json}). */
    public static Condition parseJson(String json) {
        try {
            return parseJson(MAPPER.readTree(json));
        } catch (JacksonException e) {
            throw FilterException.invalid("the filter is not valid JSON: " + e.getOriginalMessage());
        }
    }

    /** The filter in the encoding {@code filterLang} names ({@value #TEXT} or {@value #JSON}; null means text). */
    public static Condition parse(String filter, String filterLang) {
        String lang = filterLang == null ? TEXT : filterLang.toLowerCase(Locale.ROOT);
        return switch (lang) {
            case TEXT -> parseText(filter);
            case JSON -> parseJson(filter);
            default -> throw FilterException.invalid("filter-lang '" + filterLang + "' is not supported: use " + TEXT
                    + " or " + JSON);
        };
    }
}
