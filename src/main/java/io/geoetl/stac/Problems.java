package io.geoetl.stac;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.geoetl.http.support.ApiException;
import io.geoetl.jobs.Json;
import java.util.ArrayList;
import java.util.List;

/** What is wrong with a STAC document, each problem with its JSON path ($.features[3].bbox). */
final class Problems {
    /** More problems than this in one request are summed up, not listed. */
    private static final int MAX_LISTED = 100;
    private final List<String[]> problems = new ArrayList<>();
    private int total;

    void add(String path, String message) {
        total++;
        if (problems.size() < MAX_LISTED) problems.add(new String[] {path, message});
    }

    boolean isEmpty() {
        return total == 0;
    }

    int size() {
        return total;
    }

    /** The first problem's message (without its path). */
    String firstMessage() {
        return problems.get(0)[1];
    }

    /** 400 invalid_stac listing every problem with its path. */
    ApiException toException(String what) {
        ArrayNode list = Json.array();
        problems.forEach(p -> list.add(Json.object().put("path", p[0]).put("message", p[1])));
        ObjectNode details = Json.object();
        details.set("problems", list);
        if (total > problems.size()) details.put("not_listed", total - problems.size());
        String first = problems.get(0)[0] + ": " + problems.get(0)[1];
        return new ApiException(400, "invalid_stac", total + " problem(s) with " + what + ", first: " + first, details);
    }
}
