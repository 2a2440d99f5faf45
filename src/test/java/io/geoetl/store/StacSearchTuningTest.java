package io.geoetl.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.geoetl.store.StacSearchTuning.FilterSort;
import io.geoetl.testing.TestDb;
import io.geoetl.testing.TestServices;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The search tuning of geoetl.stac.filter-sort-indexes and statistics-properties on a real
 * partitioned stac.items: the compound index and the expression statistics exist in partitions
 * made before and after they were asked for, and together they turn a filtered, sorted page from
 * "read every match and sort" into an index scan in sort order that stops after the page.
 */
class StacSearchTuningTest {
    private static final String BEFORE = "tuning-before";
    private static final String AFTER = "tuning-after";
    private static final int ITEMS = 20_000;
    /** The page query of a search {@code cloud = 42 AND platform = 'sat-0'} sorted by value, as the API sends it. */
    private static final String PAGE = "select id from stac.items where collection = any(?) and (properties -> 'cloud' = to_jsonb(42::numeric))"
            + " and (properties -> 'platform' = to_jsonb('sat-0'::text)) order by coalesce(properties -> 'value', 'null'::jsonb), collection, id"
            + " limit 11";
    private static Database database;
    private static TestDb db;

    @BeforeAll
    static void start() {
        TestServices s = TestServices.get();
        database = new Database(s.dbUrl, s.dbUser, s.dbPassword, 2, "geoetl-test");
        database.migrate();
        db = TestDb.shared();
        database.inTransaction(tx -> {
            tx.stac().deleteCollection(BEFORE);
            tx.stac().deleteCollection(AFTER);
            tx.stacSearchTuning().ensurePropertyStatistics(List.of());
            tx.stac().upsertCollection(BEFORE, "{}");
            tx.stac().upsertItems(BEFORE, null, sink -> items(sink));
            return null;
        });
        db.exec("analyze stac.items_" + partition(BEFORE));
    }

    @AfterAll
    static void stop() {
        database.inTransaction(tx -> {
            tx.stacSearchTuning().ensurePropertyStatistics(List.of());
            tx.stac().deleteCollection(BEFORE);
            tx.stac().deleteCollection(AFTER);
            return null;
        });
        database.close();
    }

    @Test
    void filterSortIndexesAndStatisticsMakeAFilteredSortedPageAnOrderedIndexScan() {
        database.inTransaction(tx -> {
            tx.stacSearchTuning().ensurePropertyIndexes(List.of("cloud"));
            tx.stacSearchTuning().ensureFilterSortIndexes(List.of(new FilterSort("cloud", "value")));
            return null;
        });
        String partition = "items_" + partition(BEFORE);
        assertThat(db.column("select indexdef from pg_indexes where schemaname = 'stac' and tablename = ?", partition))
                .anySatisfy(def -> assertThat(def).contains("((properties -> 'cloud'::text)), COALESCE((properties -> 'value'::text), 'null'::jsonb), collection, id"));
        assertThat(plan()).as("without statistics on platform, an equality on it looks like it keeps 0.5 %%: every match is read and sorted")
                .contains("Sort").doesNotContain("Index Scan using " + partition + "_expr_coalesce");

        database.inTransaction(tx -> {
            tx.stacSearchTuning().ensurePropertyStatistics(List.of("platform"));
            return null;
        });
        assertThat(statistics(BEFORE)).isEqualTo(1);
        String ordered = plan();
        assertThat(ordered).as("with them, the compound index is read in order and the scan stops after the page")
                .contains("Index Scan using " + partition + "_expr_coalesce").doesNotContain("Sort");
        assertThat(ordered).containsPattern("rows=11 ");
    }

    @Test
    void aPartitionCreatedLaterGetsTheStatisticsAndUnlistedOnesAreDropped() {
        database.inTransaction(tx -> {
            tx.stacSearchTuning().ensurePropertyStatistics(List.of("platform", "value"));
            return null;
        });
        database.inTransaction(tx -> tx.stac().upsertCollection(AFTER, "{}"));
        assertThat(statistics(AFTER)).isEqualTo(2);
        assertThat(statistics(BEFORE)).isEqualTo(2);

        database.inTransaction(tx -> {
            tx.stacSearchTuning().ensurePropertyStatistics(List.of("value"));
            return null;
        });
        assertThat(statistics(AFTER)).isEqualTo(1);
        assertThat(db.column("select name from stac.statistics_properties")).containsExactly("value");
    }

    private static String plan() {
        return String.join("\n", db.column("explain (analyze, costs off, timing off, summary off) " + PAGE, (Object) new String[] {BEFORE}));
    }

    private static long statistics(String collection) {
        return db.count("select count(*) from pg_statistic_ext where stxrelid = ('stac.items_' || ?)::regclass", partition(collection));
    }

    private static long partition(String collection) {
        return ((Number) db.scalar("select partition_no from stac.collections where id = ?", collection)).longValue();
    }

    /** 20,000 points; cloud 0..99 (1 % each), platform always sat-0, value random. */
    private static void items(StacRepository.ItemSink sink) {
        Random random = new Random(1);
        for (int i = 0; i < ITEMS; i++) {
            double x = -170 + random.nextDouble() * 340;
            double y = -80 + random.nextDouble() * 160;
            sink.item("i" + i, String.format(Locale.ROOT, "{\"type\":\"Feature\",\"id\":\"i%d\",\"geometry\":{\"type\":\"Point\",\"coordinates\":[%.4f,%.4f]},"
                    + "\"properties\":{\"datetime\":\"2021-01-01T00:00:00Z\",\"cloud\":%d,\"platform\":\"sat-0\",\"value\":%.3f}}",
                    i, x, y, random.nextInt(100), random.nextDouble() * 1000));
        }
    }
}
