package io.geoetl.promote;

import io.geoetl.store.TableName;
import java.util.ArrayList;
import java.util.List;

/**
 * geoetl.promote.schedule.pairs: comma-separated source:target[:mode] entries, e.g.
 * "geo.roads:geo.roads, geo.counts:geo.counts_history:append". A malformed entry is a start-up error.
 */
record SchedulePairs(List<Pair> pairs) {
    record Pair(TableName source, TableName target, String mode) {}

    static SchedulePairs parse(String setting) {
        List<Pair> pairs = new ArrayList<>();
        for (String entry : setting.split(",")) {
            if (entry.isBlank()) continue;
            String[] parts = entry.trim().split(":");
            TableName source = parts.length >= 2 ? TableName.parseOrNull(parts[0].trim()) : null;
            TableName target = parts.length >= 2 ? TableName.parseOrNull(parts[1].trim()) : null;
            String mode = parts.length == 3 ? parts[2].trim() : PromoteParameters.REPLACE;
            if (source == null || target == null || parts.length > 3 || !(mode.equals(PromoteParameters.REPLACE) || mode.equals(PromoteParameters.APPEND))) {
                throw new IllegalStateException("geoetl.promote.schedule.pairs: \"" + entry.trim()
                        + "\" is not source_schema.table:target_schema.table[:replace|append]");
            }
            pairs.add(new Pair(source, target, mode));
        }
        return new SchedulePairs(List.copyOf(pairs));
    }
}
