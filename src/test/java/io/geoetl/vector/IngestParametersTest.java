package io.geoetl.vector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.geoetl.gdal.GdalRuntime;
import io.geoetl.jobs.InvalidParametersException;
import io.geoetl.jobs.Json;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** ingest_vector's parameters: defaults, derived table names and every refusal with its reason. */
class IngestParametersTest {

    @BeforeAll
    static void gdal() {
        GdalRuntime.init();
    }

    @Test
    void defaultsAreFilledInAndTheTableNameComesFromTheFileName() {
        ObjectNode p = IngestParameters.normalise(Json.parse("{\"blob_name\": \"drops/2024/Zürich Parks-v2.shp.zip\"}"));
        assertThat(p.get("container").asText()).isEqualTo("bronze");
        assertThat(p.get("table_name").asText()).isEqualTo("zurich_parks_v2");
        assertThat(p.get("schema").asText()).isEqualTo("geo");
        assertThat(p.get("target_crs").asText()).isEqualTo("EPSG:4326");
        assertThat(p.get("chunk_size").asInt()).isEqualTo(IngestParameters.DEFAULT_CHUNK_SIZE);
        assertThat(p.get("overwrite").asBoolean()).isFalse();
        assertThat(p.get("keep_z").asBoolean()).isFalse();
        assertThat(IngestParameters.of(p).blobType()).isEqualTo(BlobType.ZIP);
        assertThat(IngestParameters.normalise(Json.parse("{\"blob_name\": \"2024.csv\"}")).get("table_name").asText()).isEqualTo("_2024");
        assertThat(IngestParameters.normalise(Json.parse("{\"blob_name\": \"Order.gpkg\"}")).get("table_name").asText()).isEqualTo("_order");
    }

    @Test
    void everyProblemIsListed() {
        assertThatThrownBy(() -> IngestParameters.normalise(Json.parse("""
                {"blob_name": "a.geojson", "table_name": "x; drop table y", "schema": "app", "x_column": "lon",
                 "encoding": "latin1", "source_crs": "/etc/passwd", "target_crs": "EPSG:999999", "chunk_size": 0, "colour": "red"}""")))
                .isInstanceOf(InvalidParametersException.class)
                .extracting(e -> ((InvalidParametersException) e).problems())
                .asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.LIST)
                .containsExactlyInAnyOrder(
                        "table_name must match ^[a-z_][a-z0-9_]{0,62}$ (lower-case letters, digits, underscores), got \"x; drop table y\"",
                        "schema app is reserved; choose another schema (default geo)",
                        "x_column and y_column go together: give both or neither",
                        "x_column, y_column, wkt_column and delimiter apply to CSV files only",
                        "encoding applies to CSV files and zipped Shapefiles only (the other formats declare their encoding)",
                        "source_crs must be an EPSG or ESRI code such as EPSG:25832, got \"/etc/passwd\"",
                        "target_crs EPSG:999999 is not a CRS GDAL knows",
                        "chunk_size must be between 1 and 10000000, got 0",
                        "unknown parameter colour (known: blob_name, chunk_size, container, delimiter, encoding, index_columns, keep_z, "
                                + "layer_name, overwrite, schema, source_crs, table_name, target_crs, time_column, title, wkt_column, "
                                + "x_column, y_column)");
    }

    @Test
    void anUnsupportedExtensionOrAMissingBlobNameIsRefused() {
        assertThatThrownBy(() -> IngestParameters.normalise(Json.parse("{\"blob_name\": \"notes.txt\"}")))
                .hasMessageContaining("blob_name must end with one of .geojson, .json, .gpkg, .csv, .kml, .gpx, .kmz, .zip, got \"notes.txt\"");
        assertThatThrownBy(() -> IngestParameters.normalise(Json.parse("{}"))).hasMessageContaining("blob_name is required");
    }
}
