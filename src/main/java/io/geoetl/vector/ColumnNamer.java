package io.geoetl.vector;

import io.geoetl.store.Identifiers;
import io.geoetl.store.VectorTableRepository;
import java.util.HashSet;
import java.util.Set;

/**
 * Names the columns of one table: each source field name is sanitised ({@link SqlNames}); a name
 * that would collide with the table's own columns (id, geom, the bookkeeping columns) gets the
 * prefix {@code src_}; a name already taken gets {@code _2}, {@code _3}… (all within 63 characters).
 */
final class ColumnNamer {
    private static final Set<String> OWN_COLUMNS = Set.of(VectorTableRepository.ID, VectorTableRepository.GEOMETRY,
            VectorTableRepository.BATCH, VectorTableRepository.FAMILY);
    private final Set<String> taken = new HashSet<>(OWN_COLUMNS);

    /** The column name for source field {@code sourceName} (the {@code index}-th field, 0-based). */
    String name(String sourceName, int index) {
        String base = SqlNames.sanitise(sourceName);
        if (base.isEmpty()) base = "field_" + (index + 1);
        if (OWN_COLUMNS.contains(base)) base = Identifiers.withSuffix("src_" + base, "");
        String candidate = base;
        for (int n = 2; taken.contains(candidate); n++) {
            candidate = Identifiers.withSuffix(base, "_" + n);
        }
        taken.add(candidate);
        return candidate;
    }
}
