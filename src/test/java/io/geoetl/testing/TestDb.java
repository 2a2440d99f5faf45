package io.geoetl.testing;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Plain SQL for test set-up and assertions, each call on its own autocommit connection. */
public final class TestDb {
    private final String url;
    private final String user;
    private final String password;

    public TestDb(String url, String user, String password) {
        this.url = url;
        this.user = user;
        this.password = password;
    }

    /** The shared test database (TestServices). */
    public static TestDb shared() {
        TestServices services = TestServices.get();
        return new TestDb(services.dbUrl, services.dbUser, services.dbPassword);
    }

    public int exec(String sql, Object... params) {
        try (Connection c = connect(); PreparedStatement s = prepare(c, sql, params)) {
            return s.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(sql + ": " + e.getMessage(), e);
        }
    }

    /** Rows as column → value maps, in order. */
    public List<Map<String, Object>> rows(String sql, Object... params) {
        try (Connection c = connect(); PreparedStatement s = prepare(c, sql, params); ResultSet rs = s.executeQuery()) {
            ResultSetMetaData meta = rs.getMetaData();
            List<Map<String, Object>> rows = new ArrayList<>();
            while (rs.next()) {
                Map<String, Object> row = new LinkedHashMap<>();
                for (int i = 1; i <= meta.getColumnCount(); i++) row.put(meta.getColumnLabel(i), rs.getObject(i));
                rows.add(row);
            }
            return rows;
        } catch (SQLException e) {
            throw new IllegalStateException(sql + ": " + e.getMessage(), e);
        }
    }

    /** The first column of the first row (null when there is none). */
    public Object scalar(String sql, Object... params) {
        List<Map<String, Object>> rows = rows(sql, params);
        return rows.isEmpty() ? null : rows.get(0).values().iterator().next();
    }

    public long count(String sql, Object... params) {
        return ((Number) scalar(sql, params)).longValue();
    }

    /** The first column of every row, as text. */
    public List<String> column(String sql, Object... params) {
        return rows(sql, params).stream().map(r -> String.valueOf(r.values().iterator().next())).toList();
    }

    public Connection connect() throws SQLException {
        return DriverManager.getConnection(url, user, password == null || password.isEmpty() ? null : password);
    }

    private static PreparedStatement prepare(Connection c, String sql, Object... params) throws SQLException {
        PreparedStatement s = c.prepareStatement(sql);
        for (int i = 0; i < params.length; i++) s.setObject(i + 1, params[i]);
        return s;
    }
}
