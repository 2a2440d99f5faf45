package io.geoetl.store;

import java.util.ArrayList;
import java.util.List;

/** A piece of SQL with {@code ?} placeholders and the values they bind, in order. */
public record SqlFragment(String sql, List<Object> params) {
    public SqlFragment {
        params = List.copyOf(params);
    }

    /** Builds a fragment: SQL text and parameters appended side by side. */
    static final class Builder {
        private final StringBuilder sql = new StringBuilder();
        private final List<Object> params = new ArrayList<>();

        Builder sql(String text) {
            sql.append(text);
            return this;
        }

        /** One {@code ?} bound to {@code value}. */
        Builder param(Object value) {
            sql.append('?');
            params.add(value);
            return this;
        }

        Builder fragment(SqlFragment fragment) {
            sql.append(fragment.sql());
            params.addAll(fragment.params());
            return this;
        }

        SqlFragment build() {
            return new SqlFragment(sql.toString(), params);
        }
    }
}
