package io.geoetl.stac.filter;

/** {@code TRUE} or {@code FALSE}: a value to compare with, or on its own a condition that always or never holds. */
public record BooleanLiteral(boolean value) implements Operand, Condition {
    @Override
    public String describe() {
        return "boolean " + value;
    }
}
