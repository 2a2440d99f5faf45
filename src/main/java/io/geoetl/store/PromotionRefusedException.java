package io.geoetl.store;

/** A promotion that cannot succeed as asked (tables that do not fit, rows that do not verify): retrying cannot help. */
public class PromotionRefusedException extends RuntimeException {
    public PromotionRefusedException(String message) {
        super(message);
    }
}
