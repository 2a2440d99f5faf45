package io.geoetl.vector;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Names from files become plain, unique SQL identifiers. */
class SqlNamesTest {

    @Test
    void namesAreLowerCaseAsciiWithReservedWordsAndDigitsPrefixed() {
        assertThat(SqlNames.sanitise("Straßen Name")).isEqualTo("strassen_name");
        assertThat(SqlNames.sanitise("Île-de-France")).isEqualTo("ile_de_france");
        assertThat(SqlNames.sanitise("ISO3166-1:alpha2")).isEqualTo("iso3166_1_alpha2");
        assertThat(SqlNames.sanitise("__x__")).isEqualTo("x");
        assertThat(SqlNames.sanitise("SELECT")).isEqualTo("_select");
        assertThat(SqlNames.sanitise("2nd")).isEqualTo("_2nd");
        assertThat(SqlNames.sanitise("名前")).isEmpty();
        assertThat(SqlNames.sanitise("a".repeat(80))).hasSize(63);
    }

    /** The one default table name, for HTTP submissions and blob drops alike (drops pass no table_name). */
    @Test
    void defaultTableNamesComeFromTheFileNameWithoutFoldersAndEndings() {
        assertThat(IngestVectorJobType.defaultTableName("incoming/Straßen 2024 (v2).GeoJSON")).isEqualTo("strassen_2024_v2");
        assertThat(IngestVectorJobType.defaultTableName("Zürich-Gebäude.gpkg")).isEqualTo("zurich_gebaude");
        assertThat(IngestVectorJobType.defaultTableName("Zürich Parks-v2.shp.zip")).isEqualTo("zurich_parks_v2");
        assertThat(IngestVectorJobType.defaultTableName("2024_parcels.csv")).isEqualTo("_2024_parcels");
        assertThat(IngestVectorJobType.defaultTableName("x; drop table y.csv")).isEqualTo("x_drop_table_y");
        assertThat(IngestVectorJobType.defaultTableName("Table.geojson")).isEqualTo("_table");
        assertThat(IngestVectorJobType.defaultTableName("東京.kml")).isEqualTo("layer");
        assertThat(IngestVectorJobType.defaultTableName("a".repeat(62) + " b" + "c".repeat(40) + ".csv"))
                .hasSize(62).matches("^[a-z_][a-z0-9_]{0,62}$");
    }

    @Test
    void columnNamesAreUniqueAndNeverTakeTheTablesOwnColumns() {
        ColumnNamer namer = new ColumnNamer();
        assertThat(namer.name("Name", 0)).isEqualTo("name");
        assertThat(namer.name("NAME", 1)).isEqualTo("name_2");
        assertThat(namer.name("name ", 2)).isEqualTo("name_3");
        assertThat(namer.name("id", 3)).isEqualTo("src_id");
        assertThat(namer.name("GEOM", 4)).isEqualTo("src_geom");
        assertThat(namer.name("geoetl_batch", 5)).isEqualTo("src_geoetl_batch");
        assertThat(namer.name("名前", 6)).isEqualTo("field_7");
        String long1 = namer.name("x".repeat(70), 7);
        String long2 = namer.name("x".repeat(70), 8);
        assertThat(long1).hasSize(63);
        assertThat(long2).hasSize(63).endsWith("_2");
    }
}
