package io.geoetl.drop;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TableNamesTest {

    @Test
    void fileNamesBecomeValidLowerCaseIdentifiers() {
        assertThat(TableNames.fromFileName("incoming/Straßen 2024 (v2).GeoJSON", ".geojson")).isEqualTo("strassen_2024_v2");
        assertThat(TableNames.fromFileName("Zürich-Gebäude.gpkg", ".gpkg")).isEqualTo("zurich_gebaude");
        assertThat(TableNames.fromFileName("2024_parcels.csv", ".csv")).isEqualTo("t_2024_parcels");
        assertThat(TableNames.fromFileName("x; drop table y.csv", ".csv")).isEqualTo("x_drop_table_y");
        assertThat(TableNames.fromFileName("wilderness.shp.zip", ".zip")).isEqualTo("wilderness_shp");
        assertThat(TableNames.fromFileName("東京.kml", ".kml")).isEqualTo("dropped_file");
    }

    @Test
    void longNamesAreCutTo63CharactersWithoutATrailingUnderscore() {
        String name = TableNames.fromFileName("a".repeat(62) + " b" + "c".repeat(40) + ".csv", ".csv");

        assertThat(name).hasSize(62).matches("^[a-z_][a-z0-9_]{0,62}$");
    }
}
