package io.geoetl.drop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.geoetl.jobs.Json;
import io.geoetl.storage.BlobVersion;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DropParametersTest {
    private final DropParameters parameters = DropParameters.withDefaults("ingest_vector:overwrite=true, ingest_vector:title=Dropped");
    private final JobTypeByExtension.Match vector = new JobTypeByExtension.Match(".geojson", "ingest_vector");

    private static BlobVersion blob(String name, Map<String, String> metadata) {
        return new BlobVersion("bronze", name, "\"0x1\"", 10, metadata);
    }

    @Test
    void metadataGeoetlKeysBecomeParametersReadAsJsonLiteralsOrText() {
        ObjectNode built = parameters.build(blob("in/Roads.geojson", Map.of(
                "geoetl_source_crs", "EPSG:3857", "geoetl_overwrite", "false", "geoetl_chunk_size", "5000",
                "geoetl_layer_name", "\"007\"", "geoetl_index_columns", "[\"name\", \"kind\"]", "author", "someone")), vector);

        assertThat(Json.canonical(built)).isEqualTo(Json.canonical(Json.parse("""
                {"container": "bronze", "blob_name": "in/Roads.geojson", "title": "Dropped", "source_crs": "EPSG:3857",
                 "overwrite": false, "chunk_size": 5000, "layer_name": "007", "index_columns": ["name", "kind"]}""")));
    }

    @Test
    void dropDefaultsApplyToTheirJobTypeOnlyAndNoTableNameIsMadeUpHere() {
        ObjectNode vectorDrop = parameters.build(blob("a.geojson", Map.of()), vector);
        assertThat(vectorDrop.get("overwrite").asBoolean()).isTrue();
        assertThat(vectorDrop.has("table_name")).as("ingest_vector names its own table").isFalse();
        ObjectNode rasterDrop = parameters.build(blob("a.tif", Map.of()), new JobTypeByExtension.Match(".tif", "process_raster"));
        assertThat(rasterDrop.has("overwrite")).isFalse();
    }

    @Test
    void malformedDropDefaultsAreStartUpErrorsNamingTheEntry() {
        assertThatThrownBy(() -> DropParameters.withDefaults("ingest_vector=overwrite"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("\"ingest_vector=overwrite\"");
        assertThatThrownBy(() -> DropParameters.withDefaults("ingest_vector:blob_name=x"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("job_type:parameter=value");
        assertThatThrownBy(() -> DropParameters.withDefaults("ingest_vector:index_columns=[a]"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("does not parse");
    }

    @Test
    void metadataMayNotOverrideWhatComesFromTheBlobNorUseKeysThatNameNoParameter() {
        assertThatThrownBy(() -> parameters.build(blob("a.geojson", Map.of("geoetl_container", "silver")), vector))
                .isInstanceOf(RejectedDropException.class).hasMessageContaining("geoetl_container is not allowed");
        assertThatThrownBy(() -> parameters.build(blob("a.geojson", Map.of("geoetl_", "x")), vector))
                .isInstanceOf(RejectedDropException.class).hasMessageContaining("does not name a parameter");
        assertThatThrownBy(() -> parameters.build(blob("a.geojson", Map.of("geoetl_index_columns", "[name, kind]")), vector))
                .isInstanceOf(RejectedDropException.class).hasMessageContaining("does not parse");
    }

    @Test
    void etagsAreStoredWithoutTheirHttpQuotes() {
        assertThat(blob("a.geojson", Map.of()).etag()).isEqualTo("0x1");
    }
}
