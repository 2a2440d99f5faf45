package io.geoetl.stac.filter;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** The spatial predicates of CQL2 (basic-spatial-functions and spatial-functions). */
public enum SpatialOperator {
    INTERSECTS("s_intersects"),
    EQUALS("s_equals"),
    DISJOINT("s_disjoint"),
    TOUCHES("s_touches"),
    WITHIN("s_within"),
    OVERLAPS("s_overlaps"),
    CROSSES("s_crosses"),
    CONTAINS("s_contains");

    private final String cqlName;

    SpatialOperator(String cqlName) {
        this.cqlName = cqlName;
    }

    /** The CQL2-JSON name; CQL2-text spells it in any case. */
    public String cqlName() {
        return cqlName;
    }

    public static Optional<SpatialOperator> byName(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(o -> o.cqlName.equals(lower)).findFirst();
    }
}
