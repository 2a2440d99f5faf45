package io.geoetl.stac.filter;

import java.util.Arrays;
import java.util.Optional;

/** The binary comparison operators of CQL2 (basic-cql2). */
public enum ComparisonOperator {
    EQUAL("="),
    NOT_EQUAL("<>"),
    LESS("<"),
    LESS_OR_EQUAL("<="),
    GREATER(">"),
    GREATER_OR_EQUAL(">=");

    private final String symbol;

    ComparisonOperator(String symbol) {
        this.symbol = symbol;
    }

    /** As written in CQL2-text and CQL2-JSON, which is also its SQL spelling. */
    public String symbol() {
        return symbol;
    }

    public static Optional<ComparisonOperator> bySymbol(String symbol) {
        return Arrays.stream(values()).filter(o -> o.symbol.equals(symbol)).findFirst();
    }

    /** The operator that gives the same answer with its operands swapped ({@code 5 < x} is {@code x > 5}). */
    public ComparisonOperator mirrored() {
        return switch (this) {
            case LESS -> GREATER;
            case LESS_OR_EQUAL -> GREATER_OR_EQUAL;
            case GREATER -> LESS;
            case GREATER_OR_EQUAL -> LESS_OR_EQUAL;
            default -> this;
        };
    }
}
