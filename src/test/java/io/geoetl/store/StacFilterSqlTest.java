package io.geoetl.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.geoetl.stac.filter.Cql2;
import io.geoetl.stac.filter.FilterException;
import io.geoetl.stac.filter.Queryables;
import io.geoetl.stac.filter.Queryables.Type;
import io.geoetl.testing.TestDb;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Translated filters run against a real PostGIS table of the stac.items shape, and select exactly the
 * items each operator should. Items c and f hold odd data: c's cloud cover is the string "12" and its note a
 * JSON null; f has no geometry and no time, a boolean cloud cover and a number as platform.
 */
class StacFilterSqlTest {
    private static final String TABLE = "stac_filter_test.items";
    private static final Queryables QUERYABLES = Queryables.of(Map.of("eo:cloud_cover", Type.NUMBER,
            "platform", Type.STRING, "quality", Type.STRING, "note", Type.STRING, "flag", Type.BOOLEAN,
            "start_datetime", Type.TIMESTAMP, "end_datetime", Type.TIMESTAMP));
    private static TestDb db;

    @BeforeAll
    static void items() {
        db = TestDb.shared();
        db.exec("create extension if not exists postgis");
        db.exec("drop schema if exists stac_filter_test cascade");
        db.exec("create schema stac_filter_test");
        db.exec("create table " + TABLE + " (collection text not null, id text not null, geometry geometry(Geometry, 4326),"
                + " datetime timestamptz, start_datetime timestamptz, end_datetime timestamptz, properties jsonb,"
                + " content jsonb, primary key (collection, id))");
        insert("s2", "a", "POINT(5 45)", "2020-01-01T10:00:00Z", null, null,
                "{\"eo:cloud_cover\": 5, \"platform\": \"sentinel-2a\", \"quality\": \"good\", \"flag\": true}");
        insert("s2", "b", "POINT(8 47)", "2020-06-15T00:00:00Z", null, null,
                "{\"eo:cloud_cover\": 50.5, \"platform\": \"sentinel-2b\", \"flag\": false}");
        insert("l8", "c", "POLYGON((100 10, 101 10, 101 11, 100 11, 100 10))", null, "2019-01-01T00:00:00Z",
                "2019-12-31T00:00:00Z", "{\"eo:cloud_cover\": \"12\", \"platform\": \"landsat-8\", \"note\": null}");
        insert("l8", "d", "POINT(179.5 0)", "2021-03-01T12:00:00Z", null, null,
                "{\"eo:cloud_cover\": 100, \"platform\": \"O'Brien's sat\"}");
        insert("l8", "e", "POINT(-179.5 0)", "2022-01-01T00:00:00Z", null, null, "{\"eo:cloud_cover\": 9.99}");
        insert("odd", "f", null, null, null, null, "{\"eo:cloud_cover\": true, \"platform\": 7, \"quality\": null}");
    }

    private static void insert(String collection, String id, String wkt, String datetime, String start, String end,
            String properties) {
        db.exec("insert into " + TABLE + " (collection, id, geometry, datetime, start_datetime, end_datetime, properties)"
                + " values (?, ?, ST_GeomFromText(?, 4326), ?::timestamptz, ?::timestamptz, ?::timestamptz, ?::jsonb)",
                collection, id, wkt, datetime, start, end, properties);
    }

    private static List<String> ids(String cql2Text) {
        SqlFragment where = StacFilterSql.where(Cql2.parseText(cql2Text), QUERYABLES);
        return db.column("select id from " + TABLE + " where " + where.sql() + " order by id", where.params().toArray());
    }

    private static List<String> idsFromJson(String cql2Json) {
        SqlFragment where = StacFilterSql.where(Cql2.parseJson(cql2Json), QUERYABLES, "i");
        return db.column("select i.id from " + TABLE + " i where " + where.sql() + " order by i.id", where.params().toArray());
    }

    @Test
    void numericPropertiesCompareAsNumbersAndSkipValuesOfAnotherType() {
        assertThat(ids("eo:cloud_cover < 10")).containsExactly("a", "e");
        assertThat(ids("eo:cloud_cover <= 9.99")).containsExactly("a", "e");
        assertThat(ids("eo:cloud_cover > 9.99")).containsExactly("b", "d");
        assertThat(ids("eo:cloud_cover >= 50.5")).containsExactly("b", "d");
        assertThat(ids("eo:cloud_cover = 5.0")).containsExactly("a");
        assertThat(ids("100 = eo:cloud_cover")).containsExactly("d");
        assertThat(ids("10 > eo:cloud_cover")).containsExactly("a", "e");
        assertThat(ids("eo:cloud_cover <> 5")).containsExactly("b", "c", "d", "e", "f");
        assertThat(ids("eo:cloud_cover BETWEEN 5 AND 50.5")).containsExactly("a", "b", "e");
        assertThat(ids("eo:cloud_cover NOT BETWEEN 5 AND 50.5")).containsExactly("c", "d", "f");
        assertThat(ids("eo:cloud_cover IN (5, 100, 12)")).containsExactly("a", "d");
    }

    /** Bounded on both sides by values of one type, a range needs no type check (and the planner estimates it well). */
    @Test
    void aRangeFromBothSidesIsOneIndexRangeWithoutTypeChecks() {
        assertThat(ids("eo:cloud_cover >= 5 AND eo:cloud_cover < 50.5")).containsExactly("a", "e");
        assertThat(ids("eo:cloud_cover > 5 AND 50.5 >= eo:cloud_cover AND id <> 'x'")).containsExactly("b", "e");
        assertThat(ids("platform >= 'l' AND platform < 't'")).containsExactly("a", "b", "c");
        SqlFragment range = StacFilterSql.where(Cql2.parseText("eo:cloud_cover >= 5 AND eo:cloud_cover < 50.5"), QUERYABLES);
        assertThat(range.sql()).doesNotContain("jsonb_typeof").doesNotContain("'false'");
        SqlFragment halfOpen = StacFilterSql.where(Cql2.parseText("eo:cloud_cover >= 5 AND platform < 'z'"), QUERYABLES);
        assertThat(halfOpen.sql()).contains("< 'false'::jsonb").contains("> 'null'::jsonb");
    }

    @Test
    void stringsBooleansAndNullsCompareAsJsonValues() {
        assertThat(ids("platform = 'sentinel-2a'")).containsExactly("a");
        assertThat(ids("platform = 'O''Brien''s sat'")).containsExactly("d");
        assertThat(ids("platform > 'm'")).containsExactly("a", "b");
        assertThat(ids("platform < 'm'")).containsExactly("c", "d");
        assertThat(ids("flag > false")).containsExactly("a");
        assertThat(ids("platform IN ('landsat-8', 'sentinel-2b')")).containsExactly("b", "c");
        assertThat(ids("platform LIKE 'sentinel%'")).containsExactly("a", "b");
        assertThat(ids("platform LIKE 'sentinel-2_'")).containsExactly("a", "b");
        assertThat(ids("platform NOT LIKE 'sentinel%'")).containsExactly("c", "d", "f");
        assertThat(ids("flag = true")).containsExactly("a");
        assertThat(ids("flag = false")).containsExactly("b");
        assertThat(ids("quality IS NULL")).containsExactly("b", "c", "d", "e", "f");
        assertThat(ids("note IS NULL")).containsExactly("a", "b", "c", "d", "e", "f");
        assertThat(ids("quality IS NOT NULL")).containsExactly("a");
    }

    @Test
    void idCollectionAndDatetimeAreColumns() {
        assertThat(ids("id IN ('a', 'c')")).containsExactly("a", "c");
        assertThat(ids("\"id\" = 'b'")).containsExactly("b");
        assertThat(ids("collection = 'l8' AND id <> 'd'")).containsExactly("c", "e");
        assertThat(ids("id LIKE '_'")).containsExactly("a", "b", "c", "d", "e", "f");
        assertThat(ids("datetime > TIMESTAMP('2020-06-01T00:00:00Z')")).containsExactly("b", "d", "e");
        assertThat(ids("datetime >= '2021-03-01T12:00:00Z'")).containsExactly("d", "e");
        assertThat(ids("datetime = DATE('2020-01-01')")).containsExactly("a");
        assertThat(ids("datetime <= DATE('2020-06-15')")).containsExactly("a", "b");
        assertThat(ids("datetime > DATE('2020-06-15')")).containsExactly("d", "e");
        assertThat(ids("datetime BETWEEN DATE('2020-01-01') AND DATE('2021-03-01')")).containsExactly("a", "b", "d");
        assertThat(ids("datetime IS NULL")).containsExactly("c", "f");
    }

    @Test
    void spatialPredicatesUseTheItemGeometry() {
        assertThat(ids("S_INTERSECTS(geometry, BBOX(0, 40, 10, 50))")).containsExactly("a", "b");
        assertThat(ids("S_INTERSECTS(geometry, BBOX(0, 40, -1000, 10, 50, 1000))")).containsExactly("a", "b");
        assertThat(ids("S_INTERSECTS(geometry, BBOX(179, -1, -179, 1))")).containsExactly("d", "e");
        assertThat(ids("S_INTERSECTS(geometry, POLYGON((100.5 10.5, 102 10.5, 102 12, 100.5 12, 100.5 10.5)))"))
                .containsExactly("c");
        assertThat(ids("S_INTERSECTS(geometry, POINT(5 45))")).containsExactly("a");
        assertThat(ids("S_WITHIN(geometry, MULTIPOLYGON(((0 40, 10 40, 10 50, 0 50, 0 40)), ((99 9, 102 9, 102 12, 99 9))))"))
                .containsExactly("a", "b");
        assertThat(ids("S_CONTAINS(geometry, POINT(100.5 10.5))")).containsExactly("c");
        assertThat(ids("S_DISJOINT(geometry, BBOX(-180, -90, 90, 90))")).containsExactly("c", "d");
        assertThat(ids("S_INTERSECTS(geometry, GEOMETRYCOLLECTION(POINT(8 47), LINESTRING(179.5 -1, 179.5 1)))"))
                .containsExactly("b", "d");
        assertThat(idsFromJson("{\"op\": \"s_intersects\", \"args\": [{\"property\": \"geometry\"},"
                + " {\"type\": \"Polygon\", \"coordinates\": [[[4, 44], [6, 44], [6, 46], [4, 46], [4, 44]]]}]}"))
                .containsExactly("a");
    }

    @Test
    void tIntersectsTakesTheItemRangeAndOpenEndedIntervals() {
        assertThat(ids("T_INTERSECTS(datetime, INTERVAL('..', '2019-06-01'))")).containsExactly("c");
        assertThat(ids("T_INTERSECTS(datetime, INTERVAL('2021-01-01', '..'))")).containsExactly("d", "e");
        assertThat(ids("T_INTERSECTS(datetime, INTERVAL('..', '..'))")).containsExactly("a", "b", "c", "d", "e");
        assertThat(ids("T_INTERSECTS(datetime, INTERVAL('2020-01-01T10:00:00Z', '2020-06-15T00:00:00Z'))"))
                .containsExactly("a", "b");
        assertThat(ids("T_INTERSECTS(datetime, DATE('2020-06-15'))")).containsExactly("b");
        assertThat(ids("T_INTERSECTS(datetime, DATE('2019-12-31'))")).containsExactly("c");
        assertThat(ids("T_INTERSECTS(datetime, TIMESTAMP('2019-07-01T00:00:00Z'))")).containsExactly("c");
        assertThat(ids("T_INTERSECTS(INTERVAL(start_datetime, end_datetime), INTERVAL('2019-12-31', '2020-01-02'))"))
                .containsExactly("c");
        assertThat(idsFromJson("{\"op\": \"t_intersects\", \"args\": [{\"property\": \"datetime\"},"
                + " {\"interval\": [\"2020-06-15T00:00:00Z\", \"..\"]}]}")).containsExactly("b", "d", "e");
    }

    @Test
    void otherTemporalPredicatesFollowTheIntervalRelations() {
        assertThat(ids("T_BEFORE(datetime, DATE('2020-01-01'))")).containsExactly("c");
        assertThat(ids("T_AFTER(datetime, TIMESTAMP('2021-01-01T00:00:00Z'))")).containsExactly("d", "e");
        assertThat(ids("T_DURING(datetime, INTERVAL('2019-01-01', '2020-12-31'))")).containsExactly("a", "b");
        assertThat(ids("T_STARTS(datetime, INTERVAL('2019-01-01', '..'))")).containsExactly("c");
        assertThat(ids("T_EQUALS(datetime, TIMESTAMP('2022-01-01T00:00:00Z'))")).containsExactly("e");
        assertThat(ids("T_DISJOINT(datetime, INTERVAL('2019-06-01', '2021-06-01'))")).containsExactly("e");
        assertThat(ids("T_CONTAINS(datetime, DATE('2019-06-01'))")).containsExactly("c");
        assertThat(ids("T_OVERLAPS(datetime, INTERVAL('2019-06-01', '2020-02-01'))")).containsExactly("c");
    }

    @Test
    void logicalOperatorsCombineConditions() {
        assertThat(ids("eo:cloud_cover < 10 AND S_INTERSECTS(geometry, BBOX(0, 40, 10, 50))")).containsExactly("a");
        assertThat(ids("platform = 'landsat-8' OR eo:cloud_cover = 100")).containsExactly("c", "d");
        assertThat(ids("NOT (eo:cloud_cover < 10)")).containsExactly("b", "c", "d", "f");
        assertThat(ids("(collection = 's2' OR id = 'e') AND NOT flag = true")).containsExactly("b");
        assertThat(ids("TRUE")).hasSize(6);
        assertThat(ids("FALSE OR id = 'a'")).containsExactly("a");
    }

    @Test
    void valuesAreBoundAndNeverWrittenIntoTheSql() {
        SqlFragment where = StacFilterSql.where(
                Cql2.parseText("platform = 'x''); drop table stac_filter_test.items; --' AND eo:cloud_cover < 3"), QUERYABLES);
        assertThat(where.sql()).doesNotContain("drop").doesNotContain("3");
        assertThat(where.params()).hasSize(2);
        assertThat(db.column("select id from " + TABLE + " where " + where.sql(), where.params().toArray())).isEmpty();
        assertThat(db.count("select count(*) from " + TABLE)).isEqualTo(6);
    }

    @Test
    void unknownQueryablesAndUnfittingValuesAreRejectedByName() {
        assertThatThrownBy(() -> ids("eo:snow_cover < 10"))
                .isInstanceOfSatisfying(FilterException.class, e -> {
                    assertThat(e.kind()).isEqualTo(FilterException.Kind.UNKNOWN_QUERYABLE);
                    assertThat(e.getMessage()).contains("'eo:snow_cover'").contains("eo:cloud_cover");
                });
        assertThatThrownBy(() -> ids("eo:cloud_cover = 'low'")).isInstanceOfSatisfying(FilterException.class, e -> {
            assertThat(e.kind()).isEqualTo(FilterException.Kind.TYPE_MISMATCH);
            assertThat(e.getMessage()).contains("eo:cloud_cover is a number").contains("'low'");
        });
        assertThatThrownBy(() -> ids("eo:cloud_cover LIKE '1%'")).hasMessageContaining("'like' matches strings");
        assertThatThrownBy(() -> ids("S_INTERSECTS(platform, POINT(1 2))")).hasMessageContaining("needs a geometry");
        assertThatThrownBy(() -> ids("T_INTERSECTS(platform, DATE('2020-01-01'))")).hasMessageContaining("needs a timestamp");
        assertThatThrownBy(() -> ids("platform = quality")).hasMessageContaining("comparing two properties");
        assertThatThrownBy(() -> ids("datetime > 'yesterday'")).hasMessageContaining("'yesterday' is not a timestamp");
        Queryables odd = Queryables.of(Map.of("it's", Type.STRING));
        assertThatThrownBy(() -> StacFilterSql.where(Cql2.parseText("\"it's\" = 'x'"), odd))
                .hasMessageContaining("cannot be used in a filter");
    }

    @Test
    void aPropertiesPrefixNamesTheSameQueryable() {
        assertThat(ids("properties.eo:cloud_cover < 10")).containsExactly("a", "e");
    }
}
