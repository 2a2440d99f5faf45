package io.geoetl.stac.filter;

/**
 * A filter that cannot be run: it does not parse, uses an operator geoetl does not support, names a
 * property that is not queryable, or compares values of the wrong kind. The message says which, and
 * where; the API answers 400 with {@link #code()}.
 */
public class FilterException extends RuntimeException {
    /** What kind of problem, as a stable code for API error bodies. */
    public enum Kind {
        INVALID_FILTER("invalid_filter"),
        UNSUPPORTED_OPERATOR("unsupported_filter_operator"),
        UNKNOWN_QUERYABLE("unknown_queryable"),
        TYPE_MISMATCH("filter_type_mismatch");

        private final String code;

        Kind(String code) {
            this.code = code;
        }

        public String code() {
            return code;
        }
    }

    private final Kind kind;

    public FilterException(Kind kind, String message) {
        super(message);
        this.kind = kind;
    }

    /** A filter that does not follow the CQL2 grammar or schema. */
    public static FilterException invalid(String message) {
        return new FilterException(Kind.INVALID_FILTER, message);
    }

    public static FilterException unsupported(String message) {
        return new FilterException(Kind.UNSUPPORTED_OPERATOR, message);
    }

    public Kind kind() {
        return kind;
    }

    public String code() {
        return kind.code();
    }

    /** The same problem, with where it was found put in front of the message. */
    FilterException at(String location) {
        return new FilterException(kind, location + ": " + getMessage());
    }
}
