package io.geoetl.stac.filter;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** The temporal predicates of CQL2 (temporal-functions), over closed intervals. */
public enum TemporalOperator {
    AFTER("t_after"),
    BEFORE("t_before"),
    CONTAINS("t_contains"),
    DISJOINT("t_disjoint"),
    DURING("t_during"),
    EQUALS("t_equals"),
    FINISHED_BY("t_finishedBy"),
    FINISHES("t_finishes"),
    INTERSECTS("t_intersects"),
    MEETS("t_meets"),
    MET_BY("t_metBy"),
    OVERLAPPED_BY("t_overlappedBy"),
    OVERLAPS("t_overlaps"),
    STARTED_BY("t_startedBy"),
    STARTS("t_starts");

    private final String cqlName;

    TemporalOperator(String cqlName) {
        this.cqlName = cqlName;
    }

    /** The CQL2-JSON name; CQL2-text spells it in any case. */
    public String cqlName() {
        return cqlName;
    }

    public static Optional<TemporalOperator> byName(String name) {
        return Arrays.stream(values()).filter(o -> o.cqlName.equalsIgnoreCase(name.toLowerCase(Locale.ROOT))).findFirst();
    }
}
