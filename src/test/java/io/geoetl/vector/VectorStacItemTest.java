package io.geoetl.vector;

import static io.geoetl.vector.VectorTestSupport.completed;
import static io.geoetl.vector.VectorTestSupport.ingest;
import static io.geoetl.vector.VectorTestSupport.upload;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.azure.storage.blob.BlobContainerClient;
import com.fasterxml.jackson.databind.JsonNode;
import io.geoetl.stac.StacSchemas;
import io.geoetl.testing.Api;
import io.geoetl.testing.RunningRouter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Finishing ingest_vector catalogues the table as a STAC item, served by the STAC API and valid against its schemas. */
class VectorStacItemTest {
    private static final String CONTAINER = "vector-stac";
    private static final String TABLE = "stac_points_" + UUID.randomUUID().toString().replace("-", "").substring(0, 8);
    private static RunningRouter router;
    private static Api api;
    private static BlobContainerClient blobs;
    @TempDir
    static Path work;

    @BeforeAll
    static void start() {
        router = RunningRouter.builder().property("geoetl.vector.work-dir", work.toString())
                .property("geoetl.stac.vector-collection", "vector-test").start();
        api = new Api(router.baseUrl());
        blobs = VectorTestSupport.container(CONTAINER);
    }

    @AfterAll
    static void stop() {
        router.close();
        VectorTestSupport.execute("drop table if exists geo." + TABLE);
        VectorTestSupport.execute("delete from geo.table_catalog where schema_name = 'geo' and table_name = '" + TABLE + "'");
    }

    @Test
    void aPublishedTableBecomesAStacItemWithItsExtentTimeRangeColumnsAndFeatureLinks() {
        StringBuilder features = new StringBuilder();
        for (int i = 0; i < 4; i++) {
            if (i > 0) features.append(',');
            features.append("{\"type\": \"Feature\", \"properties\": {\"name\": \"p").append(i).append("\", \"seen\": \"2023-0")
                    .append(i + 1).append("-15T10:00:00Z\"}, \"geometry\": {\"type\": \"Point\", \"coordinates\": [")
                    .append(8 + i).append(", ").append(46 + i / 2.0).append("]}}");
        }
        upload(blobs, TABLE + ".geojson", ("{\"type\": \"FeatureCollection\", \"features\": [" + features + "]}").getBytes(StandardCharsets.UTF_8));
        JsonNode job = ingest(api, "{\"container\": \"" + CONTAINER + "\", \"blob_name\": \"" + TABLE + ".geojson\", "
                + "\"target_crs\": \"EPSG:3857\", \"time_column\": \"seen\"}");
        completed(job);

        Api.Reply reply = api.get("/api/stac/collections/vector-test/items/geo." + TABLE);
        assertThat(reply.status()).as(reply.text()).isEqualTo(200);
        JsonNode item = reply.body();
        StacSchemas.assertItem(item);
        double[] bbox = {item.get("bbox").get(0).asDouble(), item.get("bbox").get(1).asDouble(), item.get("bbox").get(2).asDouble(),
                item.get("bbox").get(3).asDouble()};
        assertThat(bbox[0]).isCloseTo(8, within(1e-6));
        assertThat(bbox[1]).isCloseTo(46, within(1e-6));
        assertThat(bbox[2]).isCloseTo(11, within(1e-6));
        assertThat(bbox[3]).isCloseTo(47.5, within(1e-6));
        JsonNode properties = item.get("properties");
        assertThat(properties.get("datetime").isNull()).isTrue();
        assertThat(properties.get("start_datetime").asText()).isEqualTo("2023-01-15T10:00:00Z");
        assertThat(properties.get("end_datetime").asText()).isEqualTo("2023-04-15T10:00:00Z");
        assertThat(properties.get("table:row_count").asInt()).isEqualTo(4);
        assertThat(properties.get("geoetl:srid").asInt()).isEqualTo(3857);
        List<String> columns = new ArrayList<>();
        properties.get("table:columns").forEach(c -> columns.add(c.get("name").asText()));
        assertThat(columns).contains("name", "seen", "geom");
        assertThat(item.get("assets").get("features").get("href").asText()).endsWith("/api/features/collections/" + TABLE);
        assertThat(item.get("assets").get("items").get("href").asText()).endsWith("/api/features/collections/" + TABLE + "/items");

        JsonNode collection = api.get("/api/stac/collections/vector-test").body();
        StacSchemas.assertCollection(collection);
        assertThat(collection.get("extent").get("spatial").get("bbox").get(0).get(0).asDouble()).isCloseTo(8, within(1e-6));
    }
}
