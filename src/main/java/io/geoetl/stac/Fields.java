package io.geoetl.stac;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.geoetl.jobs.Json;
import java.util.List;

/**
 * The fields extension: which members of each item to return. Paths are dotted
 * (properties.eo:cloud_cover). With includes, only those (and id, type, links) are kept; then
 * the excludes are removed.
 */
record Fields(List<String> include, List<String> exclude) {
    static final Fields ALL = new Fields(List.of(), List.of());

    boolean all() {
        return include.isEmpty() && exclude.isEmpty();
    }

    ObjectNode apply(ObjectNode item) {
        ObjectNode result = item;
        if (!include.isEmpty()) {
            result = Json.object();
            for (String always : List.of("type", "id", "links")) {
                if (item.has(always)) result.set(always, item.get(always));
            }
            for (String path : include) copy(item, result, path.split("\\."), 0);
        }
        for (String path : exclude) {
            if (!path.equals("id") && !path.equals("type")) remove(result, path.split("\\."), 0);
        }
        return result;
    }

    private static void copy(JsonNode from, ObjectNode to, String[] path, int depth) {
        JsonNode value = from.get(path[depth]);
        if (value == null) return;
        if (depth == path.length - 1) {
            to.set(path[depth], value);
            return;
        }
        if (!value.isObject()) return;
        JsonNode existing = to.get(path[depth]);
        ObjectNode target = existing instanceof ObjectNode o ? o : to.putObject(path[depth]);
        copy(value, target, path, depth + 1);
    }

    private static void remove(JsonNode node, String[] path, int depth) {
        if (!(node instanceof ObjectNode object)) return;
        if (depth == path.length - 1) {
            object.remove(path[depth]);
            return;
        }
        remove(object.get(path[depth]), path, depth + 1);
    }
}
