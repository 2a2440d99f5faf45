package io.geoetl.vector;

import static io.geoetl.vector.VectorTestSupport.*;
import static org.assertj.core.api.Assertions.assertThat;

import com.azure.storage.blob.BlobContainerClient;
import com.fasterxml.jackson.databind.JsonNode;
import io.geoetl.testing.Api;
import io.geoetl.testing.RunningRouter;
import io.geoetl.testing.TestServices;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class GeoJsonSmokeTest {
    @Test
    void smoke() throws Exception {
        TestServices.get().deleteAllJobs();
        Path work = Files.createTempDirectory("geoetl-vector-test");
        try (RunningRouter router = RunningRouter.builder().property("geoetl.vector.work-dir", work.toString()).start()) {
            Api api = new Api(router.baseUrl());
            BlobContainerClient c = container("vector-smoke");
            String geojson = """
                {"type":"FeatureCollection","features":[
                 {"type":"Feature","properties":{"name":"a","id":1},"geometry":{"type":"Polygon","coordinates":[[[0,0],[0,1],[1,1],[1,0],[0,0]]]}},
                 {"type":"Feature","properties":{"name":"b","id":2},"geometry":{"type":"Polygon","coordinates":[[[0,0],[2,2],[2,0],[0,2],[0,0]]]}},
                 {"type":"Feature","properties":{"name":"c","id":3},"geometry":null}
                ]}""";
            upload(c, "smoke/test.geojson", geojson.getBytes(StandardCharsets.UTF_8));
            execute("drop table if exists geo.smoke_test");
            execute("delete from geo.table_catalog where table_name = 'smoke_test'");
            JsonNode job = ingest(api, "{\"container\":\"vector-smoke\",\"blob_name\":\"smoke/test.geojson\",\"table_name\":\"smoke_test\",\"chunk_size\":2}");
            System.out.println(job.toPrettyString());
            JsonNode result = completed(job);
            assertPublished("geo", "smoke_test", 2, "MultiPolygon", 4326);
            System.out.println(rows("select id, name, src_id, st_astext(geom) from geo.smoke_test order by id"));
        }
    }
}
