package io.geoetl.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;

/** Small JDBC helpers: bind positional parameters, map rows, translate SQLException. */
final class Sql {
    private Sql() {}

    @FunctionalInterface
    interface RowMapper<T> {
        T map(ResultSet rs) throws SQLException;
    }

    static int execute(Connection connection, String sql, Object... params) {
        try (PreparedStatement statement = prepare(connection, sql, params)) {
            if (statement.execute()) {
                return 1;
            }
            return statement.getUpdateCount();
        } catch (SQLException e) {
            throw new StoreException(e);
        }
    }

    static <T> List<T> query(Connection connection, String sql, RowMapper<T> mapper, Object... params) {
        try (PreparedStatement statement = prepare(connection, sql, params); ResultSet rs = statement.executeQuery()) {
            List<T> rows = new ArrayList<>();
            while (rs.next()) {
                rows.add(mapper.map(rs));
            }
            return rows;
        } catch (SQLException e) {
            throw new StoreException(e);
        }
    }

    static <T> T queryOne(Connection connection, String sql, RowMapper<T> mapper, Object... params) {
        List<T> rows = query(connection, sql, mapper, params);
        return rows.isEmpty() ? null : rows.get(0);
    }

    static PreparedStatement prepare(Connection connection, String sql, Object... params) throws SQLException {
        PreparedStatement statement = connection.prepareStatement(sql);
        bind(statement, params);
        return statement;
    }

    static void bind(PreparedStatement statement, Object... params) throws SQLException {
        for (int i = 0; i < params.length; i++) {
            Object value = params[i];
            if (value == null) {
                statement.setNull(i + 1, Types.NULL);
            } else if (value instanceof String[] strings) {
                statement.setArray(i + 1, statement.getConnection().createArrayOf("text", strings));
            } else if (value instanceof Integer[] integers) {
                statement.setArray(i + 1, statement.getConnection().createArrayOf("int4", integers));
            } else {
                statement.setObject(i + 1, value);
            }
        }
    }
}
