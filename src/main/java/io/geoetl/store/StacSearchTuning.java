package io.geoetl.store;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.util.List;
import java.util.Locale;

/**
 * The indexes and planner statistics that make item searches on properties fast (settings
 * geoetl.stac.indexed-properties, filter-sort-indexes and statistics-properties, applied at
 * start-up):
 * <ul>
 *   <li>a btree on {@code (properties -> 'p')} per indexed property, the form filters compare with;</li>
 *   <li>a compound btree on {@code (properties -> 'p', sort key, collection, id)} per "filter +
 *   sort" pair: a search that filters on p and sorts by that key reads the index in order and
 *   stops after the page's rows, instead of reading every match and sorting it;</li>
 *   <li>expression statistics on {@code (properties -> 'q')} per statistics property, in every
 *   partition: without them the planner assumes an equality on q keeps 0.5 % of the rows, so a
 *   filter {@code p = 1 AND q = 'x'} looks far more selective than it is and the planner prefers
 *   reading every match of p and sorting over an ordered index scan that stops early.</li>
 * </ul>
 * Indexes are declared on the partitioned stac.items, so every partition present and future has
 * them; statistics objects belong to one table, so the wanted names are kept in
 * stac.statistics_properties and each new partition gets them ({@link #createPartitionStatistics}).
 */
public final class StacSearchTuning {
    private final Connection connection;

    StacSearchTuning(Connection connection) {
        this.connection = connection;
    }

    /** A filter property and the sort key ({@code datetime}, {@code id}, or a property) searches on it are sorted by. */
    public record FilterSort(String property, String sortField) {}

    /** A btree on {@code (properties -> 'name')} per name. Names that are not property names are refused. */
    public void ensurePropertyIndexes(List<String> names) {
        for (String name : names) {
            String index = identifier("items_p_", name);
            Sql.execute(connection, "create index if not exists " + index + " on stac.items (" + property(name) + ")");
        }
    }

    /** A compound btree on {@code (properties -> 'p', sort key, collection, id)} per pair, the sort key as searches sort by it. */
    public void ensureFilterSortIndexes(List<FilterSort> pairs) {
        for (FilterSort pair : pairs) {
            String index = identifier("items_fs_", pair.property() + "__" + pair.sortField());
            Sql.execute(connection, "create index if not exists " + index + " on stac.items (" + property(pair.property()) + ", "
                    + StacRepository.sortExpression(pair.sortField()) + ", collection, id)");
        }
    }

    /**
     * Makes stac.statistics_properties hold exactly {@code names}, and every partition have
     * expression statistics on each of them (dropped for names no longer listed). Partitions that
     * got new statistics are analysed at once, so the planner uses them from now on.
     */
    public void ensurePropertyStatistics(List<String> names) {
        names.forEach(StacSearchTuning::checkName);
        String[] wanted = names.toArray(String[]::new);
        List<String> dropped = Sql.query(connection, "delete from stac.statistics_properties where not (name = any(?)) returning name",
                rs -> rs.getString(1), (Object) wanted);
        Sql.execute(connection, "insert into stac.statistics_properties (name) select unnest(?::text[]) on conflict do nothing", (Object) wanted);
        for (long partition : Sql.query(connection, "select partition_no from stac.collections order by partition_no", rs -> rs.getLong(1))) {
            for (String name : dropped) {
                Sql.execute(connection, "drop statistics if exists stac." + statisticsName(partition, name));
            }
            createPartitionStatistics(partition);
        }
    }

    /** The statistics of stac.statistics_properties on one partition; analyses it when any were new. */
    void createPartitionStatistics(long partition) {
        List<String> missing = Sql.query(connection, "select p.name from stac.statistics_properties p where not exists "
                + "(select 1 from pg_statistic_ext s where s.stxnamespace = 'stac'::regnamespace and s.stxname = ?"
                + " || '_' || substr(md5(p.name), 1, 8)) order by p.name", rs -> rs.getString(1), "items_" + partition + "_st");
        for (String name : missing) {
            Sql.execute(connection, "create statistics if not exists stac." + statisticsName(partition, name) + " on (" + property(name)
                    + ") from stac.items_" + partition);
        }
        if (!missing.isEmpty()) Sql.execute(connection, "analyze stac.items_" + partition);
    }

    /** Statistics of one property on one partition: the name holds a hash of the property, never the property itself. */
    private static String statisticsName(long partition, String name) {
        return "items_" + partition + "_st_" + md5Prefix(name);
    }

    private static String md5Prefix(String name) {
        try {
            byte[] digest = MessageDigest.getInstance("MD5").digest(name.getBytes(StandardCharsets.UTF_8));
            StringBuilder hex = new StringBuilder();
            for (int i = 0; i < 4; i++) hex.append(String.format(Locale.ROOT, "%02x", digest[i]));
            return hex.toString();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** {@code (properties -> 'name')}; the name is checked, so it is safe as a literal. */
    private static String property(String name) {
        checkName(name);
        return "(properties -> '" + name + "')";
    }

    private static void checkName(String name) {
        if (!StacRepository.PROPERTY_NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("not an indexable property name: " + name);
        }
    }

    /** An index name from a prefix and a property-derived text: lower-case, safe characters, a hash against collisions. */
    private static String identifier(String prefix, String text) {
        String index = prefix + text.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_]", "_");
        if (index.length() > 50) index = index.substring(0, 50);
        return index + "_" + Integer.toHexString(text.hashCode() & 0xfffff);
    }
}
