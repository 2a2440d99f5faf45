package io.geoetl.stac;

import com.fasterxml.jackson.databind.JsonNode;
import io.geoetl.http.support.ApiException;
import io.geoetl.jobs.Json;
import io.geoetl.store.StacQuery.SortKey;
import io.geoetl.store.StacRepository;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.apache.camel.Message;

/**
 * The parameters of an item search (GET query or POST body, same meaning) or of a collection's
 * items: checked here, each bad value a 400 naming it.
 *
 * @param filter     the filter (CQL2 text as a string, CQL2 JSON as an object), or null
 * @param filterLang cql2-text or cql2-json
 */
record SearchRequest(List<String> collections, List<String> ids, double[] bbox, JsonNode intersects, Interval datetime,
                     int limit, PageToken token, List<SortKey> sortby, Fields fields, JsonNode filter, String filterLang) {
    static final List<SortKey> DEFAULT_SORT = List.of(new SortKey("datetime", true));
    private static final Set<String> GEOMETRY_TYPES = Set.of("Point", "MultiPoint", "LineString", "MultiLineString", "Polygon",
            "MultiPolygon", "GeometryCollection");

    /** GET: query parameters (Camel puts them in headers). */
    static SearchRequest fromQuery(Message in) {
        JsonNode intersects = null;
        String intersectsText = text(in, "intersects");
        if (intersectsText != null) {
            try {
                intersects = Json.parse(intersectsText);
            } catch (RuntimeException e) {
                throw invalid("intersects must be a GeoJSON geometry object");
            }
        }
        String filterText = text(in, "filter");
        String lang = text(in, "filter-lang");
        JsonNode filter = null;
        if (filterText != null) {
            if ("cql2-json".equals(lang)) {
                try {
                    filter = Json.parse(filterText);
                } catch (RuntimeException e) {
                    throw new ApiException(400, "invalid_filter", "filter is not valid JSON although filter-lang is cql2-json");
                }
            } else {
                filter = Json.MAPPER.getNodeFactory().textNode(filterText);
            }
        }
        return new SearchRequest(list(text(in, "collections")), list(text(in, "ids")), bbox(text(in, "bbox")), geometry(intersects),
                Interval.parse(text(in, "datetime")), limit(text(in, "limit")), PageToken.decode(text(in, "token")),
                sortFromText(text(in, "sortby")), fieldsFromText(text(in, "fields")), filter,
                lang == null ? (filter == null ? null : "cql2-text") : checkLang(lang));
    }

    /** POST: a JSON body. */
    static SearchRequest fromBody(JsonNode body) {
        if (body == null || !body.isObject()) throw invalid("the search body must be a JSON object");
        JsonNode filter = body.get("filter");
        String lang = body.hasNonNull("filter-lang") ? body.get("filter-lang").asText() : null;
        if (filter != null && filter.isNull()) filter = null;
        return new SearchRequest(strings(body, "collections"), strings(body, "ids"), bboxArray(body.get("bbox")),
                geometry(body.get("intersects")), Interval.parse(body.hasNonNull("datetime") ? body.get("datetime").asText() : null),
                body.hasNonNull("limit") ? limitNumber(body.get("limit")) : StacSettings.DEFAULT_LIMIT,
                PageToken.decode(body.hasNonNull("token") ? body.get("token").asText() : null),
                sortFromJson(body.get("sortby")), fieldsFromJson(body.get("fields")), filter,
                lang == null ? (filter == null ? null : filter.isTextual() ? "cql2-text" : "cql2-json") : checkLang(lang));
    }

    /**
     * The same search within one collection (a collection's items): collections, ids and
     * intersects are search parameters that endpoint does not take, so naming them is a 400.
     */
    SearchRequest withinCollection(String collection) {
        if (!collections.isEmpty() || !ids.isEmpty() || intersects != null) {
            throw invalid("a collection's items take bbox, datetime, limit, token, filter, filter-lang, sortby and fields; "
                    + "use /search for collections, ids and intersects");
        }
        return new SearchRequest(List.of(collection), ids, bbox, null, datetime, limit, token, sortby, fields, filter, filterLang);
    }

    List<SortKey> sortOrDefault() {
        return sortby.isEmpty() ? DEFAULT_SORT : sortby;
    }

    private static String checkLang(String lang) {
        if (!lang.equals("cql2-text") && !lang.equals("cql2-json")) {
            throw new ApiException(400, "invalid_filter", "filter-lang must be cql2-text or cql2-json, not '" + lang + "'");
        }
        return lang;
    }

    private static JsonNode geometry(JsonNode intersects) {
        if (intersects == null || intersects.isNull()) return null;
        if (!intersects.isObject() || !GEOMETRY_TYPES.contains(intersects.path("type").asText())) {
            throw invalid("intersects must be a GeoJSON geometry object (Point, Polygon, …)");
        }
        Problems problems = new Problems();
        GeoJsonGeometry.check(intersects, "intersects", problems);
        if (!problems.isEmpty()) throw problems.toException("intersects");
        return intersects;
    }

    private static double[] bbox(String text) {
        if (text == null) return null;
        String[] parts = text.split(",");
        double[] values = new double[parts.length];
        try {
            for (int i = 0; i < parts.length; i++) values[i] = Double.parseDouble(parts[i].trim());
        } catch (NumberFormatException e) {
            throw invalid("bbox must be 4 or 6 comma-separated numbers, got '" + text + "'");
        }
        return checkedBbox(values, text);
    }

    private static double[] bboxArray(JsonNode node) {
        if (node == null || node.isNull()) return null;
        if (!node.isArray()) throw invalid("bbox must be an array of 4 or 6 numbers");
        double[] values = new double[node.size()];
        for (int i = 0; i < values.length; i++) {
            if (!node.get(i).isNumber()) throw invalid("bbox must be an array of 4 or 6 numbers, got " + node);
            values[i] = node.get(i).asDouble();
        }
        return checkedBbox(values, node.toString());
    }

    private static double[] checkedBbox(double[] values, String text) {
        if (values.length != 4 && values.length != 6) {
            throw invalid("bbox must have 4 or 6 numbers, got " + values.length + " ('" + text + "')");
        }
        Problems problems = new Problems();
        double[] box = Bboxes.twoD(values, "bbox", problems);
        if (box == null) throw invalid("bbox '" + text + "': " + problems.firstMessage());
        return box;
    }

    private static int limit(String text) {
        if (text == null) return StacSettings.DEFAULT_LIMIT;
        try {
            return checkedLimit(Integer.parseInt(text.trim()), text);
        } catch (NumberFormatException e) {
            throw invalid("limit must be an integer between 1 and " + StacSettings.MAX_LIMIT + ", got '" + text + "'");
        }
    }

    private static int limitNumber(JsonNode node) {
        if (!node.canConvertToInt() || !node.isIntegralNumber()) {
            throw invalid("limit must be an integer between 1 and " + StacSettings.MAX_LIMIT + ", got " + node);
        }
        return checkedLimit(node.asInt(), node.toString());
    }

    private static int checkedLimit(int value, String text) {
        if (value < 1 || value > StacSettings.MAX_LIMIT) {
            throw invalid("limit must be an integer between 1 and " + StacSettings.MAX_LIMIT + ", got '" + text + "'");
        }
        return value;
    }

    private static List<SortKey> sortFromText(String text) {
        List<SortKey> keys = new ArrayList<>();
        if (text == null) return keys;
        for (String part : text.split(",")) {
            String field = part.trim();
            if (field.isEmpty()) continue;
            boolean descending = field.startsWith("-");
            if (field.startsWith("-") || field.startsWith("+")) field = field.substring(1);
            keys.add(sortKey(field, descending));
        }
        return keys;
    }

    private static List<SortKey> sortFromJson(JsonNode node) {
        List<SortKey> keys = new ArrayList<>();
        if (node == null || node.isNull()) return keys;
        if (node.isTextual()) return sortFromText(node.asText());
        if (!node.isArray()) throw invalid("sortby must be an array of {\"field\": …, \"direction\": \"asc\"|\"desc\"}");
        for (JsonNode key : node) {
            String direction = key.path("direction").asText("asc");
            if (!direction.equals("asc") && !direction.equals("desc")) {
                throw invalid("sortby direction must be asc or desc, not '" + direction + "'");
            }
            if (!key.path("field").isTextual()) throw invalid("every sortby entry needs a field");
            keys.add(sortKey(key.get("field").asText(), direction.equals("desc")));
        }
        return keys;
    }

    /** id, collection, datetime, start_datetime, end_datetime, or an item property (with or without "properties."). */
    private static SortKey sortKey(String field, boolean descending) {
        String name = field.startsWith("properties.") ? field.substring("properties.".length()) : field;
        if (!StacRepository.PROPERTY_NAME.matcher(name).matches() || name.equals("geometry") || name.equals("bbox")) {
            throw invalid("cannot sort by '" + field + "': sort by id, collection, datetime, start_datetime, end_datetime or a property");
        }
        return new SortKey(name, descending);
    }

    private static Fields fieldsFromText(String text) {
        if (text == null) return Fields.ALL;
        List<String> include = new ArrayList<>();
        List<String> exclude = new ArrayList<>();
        for (String part : text.split(",")) {
            String field = part.trim();
            if (field.isEmpty()) continue;
            if (field.startsWith("-")) exclude.add(field.substring(1));
            else include.add(field.startsWith("+") ? field.substring(1) : field);
        }
        return new Fields(include, exclude);
    }

    private static Fields fieldsFromJson(JsonNode node) {
        if (node == null || node.isNull()) return Fields.ALL;
        if (!node.isObject()) throw invalid("fields must be {\"include\": […], \"exclude\": […]}");
        return new Fields(strings(node, "include"), strings(node, "exclude"));
    }

    private static List<String> strings(JsonNode body, String name) {
        JsonNode node = body.get(name);
        List<String> values = new ArrayList<>();
        if (node == null || node.isNull()) return values;
        if (!node.isArray()) throw invalid(name + " must be an array of strings");
        for (JsonNode value : node) {
            if (!value.isTextual()) throw invalid(name + " must be an array of strings, got " + value);
            values.add(value.asText());
        }
        return values;
    }

    private static List<String> list(String text) {
        if (text == null) return List.of();
        return Arrays.stream(text.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }

    private static String text(Message in, String name) {
        String value = in.getHeader(name, String.class);
        return value == null || value.isBlank() ? null : value;
    }

    private static ApiException invalid(String message) {
        return new ApiException(400, "invalid_query", message);
    }
}
