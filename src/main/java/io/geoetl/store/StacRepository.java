package io.geoetl.store;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

/**
 * All SQL of the STAC catalogue (schema stac, migration V100): collections with their item
 * partition, items written set-based (COPY into a temporary table, one INSERT … ON CONFLICT DO
 * UPDATE), extents that follow the items, queryables, and keyset-paged searches. Documents are
 * passed in and out as JSON text; the caller validates them.
 */
public final class StacRepository {
    /** Item property names usable as sort keys (they become SQL literals). */
    public static final Pattern PROPERTY_NAME = Pattern.compile("^[A-Za-z0-9_][A-Za-z0-9_:.\\-]{0,63}$");
    private static final int MAX_FETCH = 1000;
    private final Connection connection;

    StacRepository(Connection connection) {
        this.connection = connection;
    }

    /** A collection as stored: its document and the extent of its items (null bbox/times: no items). */
    public record StoredCollection(String id, String content, double[] itemsBbox, OffsetDateTime itemsStart, OffsetDateTime itemsEnd) {}

    /** How many items a write created and how many it replaced. */
    public record UpsertCounts(long created, long replaced) {}

    /** Items to write, given one by one to the sink (streamed into COPY). */
    @FunctionalInterface
    public interface ItemSource {
        void writeTo(ItemSink sink);
    }

    @FunctionalInterface
    public interface ItemSink {
        void item(String id, String contentJson);
    }

    /** One row of a search: {@code keys} is the JSON array of its sort values (for page tokens). */
    @FunctionalInterface
    public interface RowVisitor {
        void row(String collection, String id, String contentJson, String keys);
    }

    /** Creates (true) or replaces (false) a collection; a new collection gets its item partition. */
    public boolean upsertCollection(String id, String contentJson) {
        Object[] row = Sql.queryOne(connection, "insert into stac.collections (id, content) values (?, ?::jsonb) "
                        + "on conflict (id) do update set content = excluded.content, updated_at = now() "
                        + "returning (xmax = 0), partition_no",
                rs -> new Object[] {rs.getBoolean(1), rs.getLong(2)}, id, contentJson);
        boolean created = (Boolean) row[0];
        if (created) {
            Sql.execute(connection, "create table stac.items_" + row[1] + " partition of stac.items for values in (" + literal(id) + ")");
            new StacSearchTuning(connection).createPartitionStatistics((Long) row[1]);
        }
        return created;
    }

    public boolean collectionExists(String id) {
        return Sql.queryOne(connection, "select 1 from stac.collections where id = ?", rs -> 1, id) != null;
    }

    public Optional<StoredCollection> collection(String id) {
        return Optional.ofNullable(Sql.queryOne(connection, "select " + COLLECTION_COLUMNS + " from stac.collections where id = ?",
                StacRepository::storedCollection, id));
    }

    /** Every collection, by id. */
    public List<StoredCollection> collections() {
        return Sql.query(connection, "select " + COLLECTION_COLUMNS + " from stac.collections order by id", StacRepository::storedCollection);
    }

    /** Deletes a collection and all its items (its partition is dropped); false when there was none. */
    public boolean deleteCollection(String id) {
        Long partition = Sql.queryOne(connection, "select partition_no from stac.collections where id = ? for update",
                rs -> rs.getLong(1), id);
        if (partition == null) return false;
        Sql.execute(connection, "drop table if exists stac.items_" + partition);
        Sql.execute(connection, "delete from stac.collections where id = ?", id);
        return true;
    }

    /**
     * Upserts the items of {@code source} into {@code collection} (which must exist): COPY into a
     * temporary table, then one INSERT … ON CONFLICT DO UPDATE; the last of several items with one
     * id wins. The collection's extent and queryables grow with the written items.
     */
    public UpsertCounts upsertItems(String collection, String jobId, ItemSource source) {
        Sql.execute(connection, "create temporary table if not exists stac_incoming (id text not null, content jsonb not null) on commit drop");
        Sql.execute(connection, "truncate pg_temp.stac_incoming");
        copyIncoming(source);
        UpsertCounts counts = Sql.queryOne(connection, "with incoming as ("
                        + " select distinct on (id) id, content from pg_temp.stac_incoming order by id, ctid desc"
                        + "), existing as ("
                        + " select count(*) n from stac.items i join incoming using (id) where i.collection = ?"
                        + "), written as ("
                        + " insert into stac.items as i (collection, id, geometry, datetime, start_datetime, end_datetime, properties, content, job_id)"
                        + " select ?, id, st_setsrid(st_geomfromgeojson((content -> 'geometry')::text), 4326), "
                        + DATETIME + ", coalesce(" + START + ", " + DATETIME + "), coalesce(" + END + ", " + DATETIME + "),"
                        + " content -> 'properties', content, ? from incoming"
                        + " on conflict (collection, id) do update set geometry = excluded.geometry, datetime = excluded.datetime,"
                        + " start_datetime = excluded.start_datetime, end_datetime = excluded.end_datetime,"
                        + " properties = excluded.properties, content = excluded.content, job_id = excluded.job_id, updated_at = now()"
                        + " returning 1"
                        + ") select (select count(*) from written) - n, n from existing",
                rs -> new UpsertCounts(rs.getLong(1), rs.getLong(2)), collection, collection, jobId);
        Sql.execute(connection, "update stac.collections c set"
                + " extent_bbox = array[least(c.extent_bbox[1], b.minx), least(c.extent_bbox[2], b.miny),"
                + " greatest(c.extent_bbox[3], b.maxx), greatest(c.extent_bbox[4], b.maxy)],"
                + " extent_start = least(c.extent_start, b.t0), extent_end = greatest(c.extent_end, b.t1)"
                + " from (select st_xmin(e) minx, st_ymin(e) miny, st_xmax(e) maxx, st_ymax(e) maxy, t0, t1 from ("
                + "   select st_extent(geometry) e, min(start_datetime) t0, max(end_datetime) t1 from stac.items"
                + "   where collection = ? and id in (select id from pg_temp.stac_incoming)) x) b"
                + " where c.id = ? and b.minx is not null", collection, collection);
        Sql.execute(connection, "insert into stac.queryables (collection, name, json_type)"
                + " select distinct ?, p.key, jsonb_typeof(p.value) from pg_temp.stac_incoming, jsonb_each(content -> 'properties') p"
                + " where jsonb_typeof(p.value) <> 'null' on conflict do nothing", collection);
        return counts;
    }

    /**
     * {@code bbox} (minx, miny, maxx, maxy in {@code srid}) as longitude/latitude: the bounding box
     * of the box's outline, densified before it is transformed so curved edges are not cut.
     */
    public double[] bboxInWgs84(double[] bbox, int srid) {
        return Sql.queryOne(connection, "select st_xmin(b), st_ymin(b), st_xmax(b), st_ymax(b) from (select st_transform("
                        + "st_segmentize(st_makeenvelope(?, ?, ?, ?, ?), greatest((? - ?), (? - ?)) / 32 + 1e-9), 4326)::box2d b) x",
                rs -> new double[] {rs.getDouble(1), rs.getDouble(2), rs.getDouble(3), rs.getDouble(4)},
                bbox[0], bbox[1], bbox[2], bbox[3], srid, bbox[2], bbox[0], bbox[3], bbox[1]);
    }

    /** The stored item document, or empty. */
    public Optional<String> item(String collection, String id) {
        return Optional.ofNullable(Sql.queryOne(connection, "select content::text from stac.items where collection = ? and id = ?",
                rs -> rs.getString(1), collection, id));
    }

    /** Deletes one item; the collection's extent shrinks when the item was on its edge. */
    public boolean deleteItem(String collection, String id) {
        Boolean onEdge = Sql.queryOne(connection, "with gone as (delete from stac.items where collection = ? and id = ?"
                        + " returning st_xmin(geometry) minx, st_ymin(geometry) miny, st_xmax(geometry) maxx, st_ymax(geometry) maxy,"
                        + " start_datetime, end_datetime)"
                        + " select g.minx <= c.extent_bbox[1] or g.miny <= c.extent_bbox[2] or g.maxx >= c.extent_bbox[3]"
                        + " or g.maxy >= c.extent_bbox[4] or g.start_datetime <= c.extent_start or g.end_datetime >= c.extent_end"
                        + " from gone g join stac.collections c on c.id = ?",
                rs -> rs.getBoolean(1), collection, id, collection);
        if (onEdge == null) return false;
        if (onEdge) refreshExtent(collection);
        return true;
    }

    /** The property names (and JSON types) seen in the items of {@code collection}, or of all collections when null. */
    public Map<String, String> queryables(String collection) {
        return queryables(collection == null ? List.of() : List.of(collection));
    }

    /** The property names (and JSON types) seen in the items of these collections (all when empty). */
    public Map<String, String> queryables(List<String> collections) {
        Map<String, String> names = new LinkedHashMap<>();
        String sql = "select name, min(json_type) from stac.queryables" + (collections.isEmpty() ? "" : " where collection = any(?)")
                + " group by name order by name";
        Object[] params = collections.isEmpty() ? new Object[0] : new Object[] {collections.toArray(String[]::new)};
        Sql.query(connection, sql, rs -> names.put(rs.getString(1), rs.getString(2)), params);
        return names;
    }

    /**
     * Runs one page of a search and hands each row to {@code visitor} as it arrives (a cursor:
     * the page is never held in memory). {@code keysOnly} leaves the documents out (null).
     */
    public void search(StacQuery query, boolean keysOnly, RowVisitor visitor) {
        SearchSql search = SearchSql.of(query, keysOnly);
        try (PreparedStatement statement = Sql.prepare(connection, search.sql(), search.parameters().toArray())) {
            // one row more than the page: the first fetch also brings the end, saving a round trip on small pages
            statement.setFetchSize(Math.min(query.limit() + 1, MAX_FETCH));
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    visitor.row(rs.getString(1), rs.getString(2), keysOnly ? null : rs.getString(4), rs.getString(3));
                }
            }
        } catch (SQLException e) {
            throw new StoreException(e);
        }
    }

    private void refreshExtent(String collection) {
        Sql.execute(connection, "update stac.collections c set"
                + " extent_bbox = case when x.e is null then null else array[st_xmin(x.e), st_ymin(x.e), st_xmax(x.e), st_ymax(x.e)] end,"
                + " extent_start = x.t0, extent_end = x.t1"
                + " from (select st_extent(geometry) e, min(start_datetime) t0, max(end_datetime) t1 from stac.items where collection = ?) x"
                + " where c.id = ?", collection, collection);
    }

    private void copyIncoming(ItemSource source) {
        try {
            CopyIn copy = connection.unwrap(PGConnection.class).getCopyAPI().copyIn("copy pg_temp.stac_incoming (id, content) from stdin");
            try {
                CopyText rows = new CopyText(copy);
                source.writeTo((id, content) -> rows.row(id, content));
                rows.flush();
                copy.endCopy();
            } finally {
                if (copy.isActive()) copy.cancelCopy();
            }
        } catch (SQLException e) {
            throw new StoreException(e);
        }
    }

    private static final String COLLECTION_COLUMNS = "id, content::text, extent_bbox, extent_start, extent_end";
    private static final String DATETIME = "(content #>> '{properties,datetime}')::timestamptz";
    private static final String START = "(content #>> '{properties,start_datetime}')::timestamptz";
    private static final String END = "(content #>> '{properties,end_datetime}')::timestamptz";

    private static StoredCollection storedCollection(ResultSet rs) throws SQLException {
        java.sql.Array bbox = rs.getArray(3);
        double[] extent = null;
        if (bbox != null) {
            Double[] values = (Double[]) bbox.getArray();
            extent = new double[values.length];
            for (int i = 0; i < values.length; i++) extent[i] = values[i];
        }
        return new StoredCollection(rs.getString(1), rs.getString(2), extent,
                rs.getObject(4, OffsetDateTime.class), rs.getObject(5, OffsetDateTime.class));
    }

    /** A sort field as searches sort by it (and the filter + sort indexes index it). */
    static String sortExpression(String field) {
        return switch (field) {
            case "id", "collection", "start_datetime", "end_datetime" -> field;
            case "datetime" -> "start_datetime";
            default -> {
                if (!PROPERTY_NAME.matcher(field).matches()) throw new IllegalArgumentException("not a sortable property name: " + field);
                yield "coalesce(properties -> '" + field + "', 'null'::jsonb)";
            }
        };
    }

    /** A collection id as an SQL string literal (partition bounds take no parameters). */
    private static String literal(String value) {
        if (value.indexOf('\0') >= 0) throw new IllegalArgumentException("a collection id cannot hold a NUL character");
        return "'" + value.replace("'", "''") + "'";
    }

    /** Rows of COPY's text format, buffered; backslashes and control characters escaped. */
    private static final class CopyText {
        private final CopyIn copy;
        private final StringBuilder buffer = new StringBuilder(1 << 16);

        CopyText(CopyIn copy) {
            this.copy = copy;
        }

        void row(String id, String content) {
            escape(id);
            buffer.append('\t');
            escape(content);
            buffer.append('\n');
            if (buffer.length() >= 1 << 16) flush();
        }

        void flush() {
            if (buffer.length() == 0) return;
            byte[] bytes = buffer.toString().getBytes(StandardCharsets.UTF_8);
            try {
                copy.writeToCopy(bytes, 0, bytes.length);
            } catch (SQLException e) {
                throw new StoreException(e);
            }
            buffer.setLength(0);
        }

        private void escape(String text) {
            for (int i = 0; i < text.length(); i++) {
                char c = text.charAt(i);
                switch (c) {
                    case '\\' -> buffer.append("\\\\");
                    case '\n' -> buffer.append("\\n");
                    case '\r' -> buffer.append("\\r");
                    case '\t' -> buffer.append("\\t");
                    default -> buffer.append(c);
                }
            }
        }
    }

    /** The SELECT of one search page: conditions, sort, keyset, limit. */
    private record SearchSql(String sql, List<Object> parameters) {
        static SearchSql of(StacQuery q, boolean keysOnly) {
            List<Object> params = new ArrayList<>();
            List<String> where = new ArrayList<>();
            if (!q.collections().isEmpty()) {
                where.add("collection = any(?)");
                params.add(q.collections().toArray(String[]::new));
            }
            if (!q.ids().isEmpty()) {
                where.add("id = any(?)");
                params.add(q.ids().toArray(String[]::new));
            }
            if (q.bbox() != null) {
                where.add("st_intersects(geometry, st_makeenvelope(?, ?, ?, ?, 4326))");
                for (double v : q.bbox()) params.add(v);
            }
            if (q.intersects() != null) {
                where.add("st_intersects(geometry, st_setsrid(st_geomfromgeojson(?), 4326))");
                params.add(q.intersects());
            }
            if (q.start() != null || q.end() != null) {
                // the form of the items_space_time index; a null bound is open
                where.add("tstzrange(start_datetime, end_datetime, '[]') && tstzrange(?, ?, '[]')");
                params.add(q.start());
                params.add(q.end());
            }
            if (q.filter() != null) {
                where.add("(" + q.filter().sql() + ")");
                params.addAll(q.filter().parameters());
            }
            List<String> expressions = new ArrayList<>();
            List<Boolean> descending = new ArrayList<>();
            List<String> casts = new ArrayList<>();
            for (StacQuery.SortKey key : q.sort()) {
                expressions.add(sortExpression(key.field()));
                descending.add(key.descending());
                casts.add(castOf(key.field()));
            }
            boolean lastDescending = descending.isEmpty() ? false : descending.get(descending.size() - 1);
            expressions.add("collection");
            expressions.add("id");
            descending.add(lastDescending);
            descending.add(lastDescending);
            casts.add("text");
            casts.add("text");
            if (q.after() != null) {
                where.add(keyset(expressions, descending, casts, q.after(), q.inclusive(), params));
            }
            // the page's keys first, the documents after the limit: only the rows returned are read whole
            StringBuilder page = new StringBuilder("select collection, id, jsonb_build_array(").append(String.join(", ", expressions))
                    .append(")::text as keys from stac.items");
            if (!where.isEmpty()) page.append(" where ").append(String.join(" and ", where));
            page.append(" order by ");
            for (int i = 0; i < expressions.size(); i++) {
                if (i > 0) page.append(", ");
                page.append(expressions.get(i)).append(descending.get(i) ? " desc" : " asc");
            }
            page.append(" limit ?");
            params.add(q.limit());
            String sql = keysOnly ? page.toString()
                    : "select p.collection, p.id, p.keys, i.content::text from (select s.*, row_number() over () as position from ("
                    + page + ") s) p join stac.items i on i.collection = p.collection and i.id = p.id order by p.position";
            return new SearchSql(sql, params);
        }

        /** (k1, k2, …) after (v1, v2, …) in the sort order; a row comparison when every key runs one way. */
        private static String keyset(List<String> expressions, List<Boolean> descending, List<String> casts, List<String> values,
                                     boolean inclusive, List<Object> params) {
            if (values.size() != expressions.size()) {
                throw new IllegalArgumentException("the page token holds " + values.size() + " sort values, the sort has " + expressions.size());
            }
            List<String> bound = new ArrayList<>();
            for (int i = 0; i < values.size(); i++) {
                bound.add(casts.get(i).equals("jsonb") ? "?::jsonb" : "(?::jsonb #>> '{}')::" + casts.get(i));
            }
            if (descending.stream().distinct().count() == 1) {
                String op = (descending.get(0) ? "<" : ">") + (inclusive ? "=" : "");
                params.addAll(values);
                return "(" + String.join(", ", expressions) + ") " + op + " (" + String.join(", ", bound) + ")";
            }
            List<String> alternatives = new ArrayList<>();
            for (int i = 0; i <= expressions.size(); i++) {
                if (i == expressions.size() && !inclusive) break;
                List<String> terms = new ArrayList<>();
                for (int j = 0; j < Math.min(i, expressions.size()); j++) {
                    terms.add(expressions.get(j) + " = " + bound.get(j));
                    params.add(values.get(j));
                }
                if (i < expressions.size()) {
                    terms.add(expressions.get(i) + (descending.get(i) ? " < " : " > ") + bound.get(i));
                    params.add(values.get(i));
                }
                alternatives.add("(" + String.join(" and ", terms) + ")");
            }
            return "(" + String.join(" or ", alternatives) + ")";
        }

        private static String castOf(String field) {
            return switch (field) {
                case "id", "collection" -> "text";
                case "datetime", "start_datetime", "end_datetime" -> "timestamptz";
                default -> "jsonb";
            };
        }
    }
}
