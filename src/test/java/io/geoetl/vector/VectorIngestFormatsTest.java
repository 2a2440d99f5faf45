package io.geoetl.vector;

import static io.geoetl.vector.VectorTestSupport.assertPublished;
import static io.geoetl.vector.VectorTestSupport.columns;
import static io.geoetl.vector.VectorTestSupport.completed;
import static io.geoetl.vector.VectorTestSupport.count;
import static io.geoetl.vector.VectorTestSupport.execute;
import static io.geoetl.vector.VectorTestSupport.ingest;
import static io.geoetl.vector.VectorTestSupport.resource;
import static io.geoetl.vector.VectorTestSupport.rows;
import static io.geoetl.vector.VectorTestSupport.tableExists;
import static io.geoetl.vector.VectorTestSupport.upload;
import static io.geoetl.vector.VectorTestSupport.value;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.azure.storage.blob.BlobContainerClient;
import com.fasterxml.jackson.databind.JsonNode;
import io.geoetl.testing.Api;
import io.geoetl.testing.RunningRouter;
import io.geoetl.testing.TestServices;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every supported format ingested end to end: uploaded to Azurite, submitted over HTTP, loaded
 * into PostGIS by the real router; then the table, its geometries and its catalog row are checked.
 */
class VectorIngestFormatsTest {
    private static final String CONTAINER = "vector-formats";
    private static RunningRouter router;
    private static Api api;
    private static BlobContainerClient blobs;
    @TempDir
    static Path work;
    @TempDir
    Path files;

    @BeforeAll
    static void start() {
        TestServices.get().deleteAllJobs();
        router = RunningRouter.builder()
                .property("geoetl.work.dir", work.toString())
                .property("geoetl.tasks.backoff-base", "PT1S")
                .start();
        api = new Api(router.baseUrl());
        blobs = VectorTestSupport.container(CONTAINER);
    }

    @AfterAll
    static void stop() {
        router.close();
    }

    @Test
    void aGeoJsonIsCleanedStepByStepAndEveryStepIsCounted() {
        fresh("cleaned");
        upload(blobs, "geojson/cleaned.geojson", """
                {"type": "FeatureCollection", "features": [
                  {"type": "Feature", "properties": {"Name": "clockwise", "select": 1, "id": "a", "geom": "x", "na me": true},
                   "geometry": {"type": "Polygon", "coordinates": [[[0, 0], [0, 1], [1, 1], [1, 0], [0, 0]]]}},
                  {"type": "Feature", "properties": {"Name": "bow tie", "select": 2, "id": "b"},
                   "geometry": {"type": "Polygon", "coordinates": [[[0, 0], [2, 2], [2, 0], [0, 2], [0, 0]]]}},
                  {"type": "Feature", "properties": {"Name": "no geometry", "select": 3, "id": "c"}, "geometry": null},
                  {"type": "Feature", "properties": {"Name": "collapsed", "select": 4, "id": "d"},
                   "geometry": {"type": "Polygon", "coordinates": [[[0, 0], [1, 1], [2, 2], [0, 0]]]}},
                  {"type": "Feature", "properties": {"Name": "3d", "select": 5, "id": "e"},
                   "geometry": {"type": "Polygon", "coordinates": [[[5, 5, 10], [6, 5, 10], [6, 6, 10], [5, 6, 10], [5, 5, 10]]]}},
                  {"type": "Feature", "properties": {"Name": "antimeridian", "select": 6, "id": "f"},
                   "geometry": {"type": "Polygon", "coordinates": [[[179, 10], [-179, 10], [-179, 11], [179, 11], [179, 10]]]}}
                ]}""".getBytes(StandardCharsets.UTF_8));

        JsonNode result = completed(ingest(api, "{\"container\": \"" + CONTAINER + "\", \"blob_name\": \"geojson/cleaned.geojson\", \"chunk_size\": 2}"));

        assertPublished("geo", "cleaned", 4, "MultiPolygon", 4326);
        JsonNode cleaning = result.get("cleaning");
        assertThat(cleaning.get("features_read").asLong()).isEqualTo(6);
        assertThat(cleaning.get("dropped_no_geometry").asLong()).isEqualTo(1);
        assertThat(cleaning.get("repaired_invalid").asLong()).isEqualTo(1);
        assertThat(cleaning.get("dropped_invalid").asLong()).as("the collinear ring repairs to a line only").isEqualTo(1);
        assertThat(cleaning.get("dropped_z_m").asLong()).isEqualTo(1);
        assertThat(cleaning.get("split_at_antimeridian").asLong()).isEqualTo(1);
        assertThat(cleaning.get("promoted_to_multi").asLong()).as("repair and split made the others multi already").isEqualTo(2);
        assertThat(cleaning.get("winding_normalised").asLong()).isGreaterThanOrEqualTo(1);
        assertThat(cleaning.get("rows_written").asLong()).isEqualTo(4);
        assertThat(columns("geo", "cleaned")).containsExactly("id", "name", "_select", "src_id", "src_geom", "na_me", "geom");
        assertThat(value("select count(*) from geo.cleaned where not st_equals(geom, st_forcepolygonccw(geom))")).isEqualTo(0L);
        assertThat(value("select count(*) from geo.cleaned where st_zmflag(geom) <> 0")).isEqualTo(0L);
        assertThat(value("select st_numgeometries(geom) from geo.cleaned where name = 'antimeridian'")).isEqualTo(2);
        assertThat(value("select st_xmax(geom) - st_xmin(geom) from geo.cleaned where name = 'antimeridian'")).isEqualTo(360.0);
        assertThat(value("select id from geo.cleaned where name = '3d'")).as("id is the feature's position").isEqualTo(5L);
        assertThat(value("select cleaning->>'split_at_antimeridian' from geo.table_catalog where table_name = 'cleaned'")).isEqualTo("1");
    }

    @Test
    void mixedGeometriesAndCollectionsBecomeOneTablePerFamily() {
        fresh("mixed_point", "mixed_line", "mixed_polygon", "mixed");
        upload(blobs, "mixed.json", """
                {"type": "FeatureCollection", "features": [
                  {"type": "Feature", "properties": {"kind": "point"}, "geometry": {"type": "Point", "coordinates": [1, 2]}},
                  {"type": "Feature", "properties": {"kind": "line"}, "geometry": {"type": "LineString", "coordinates": [[0, 0], [1, 1]]}},
                  {"type": "Feature", "properties": {"kind": "polygon"},
                   "geometry": {"type": "Polygon", "coordinates": [[[0, 0], [1, 0], [1, 1], [0, 0]]]}},
                  {"type": "Feature", "properties": {"kind": "collection"}, "geometry": {"type": "GeometryCollection", "geometries": [
                    {"type": "Point", "coordinates": [3, 3]}, {"type": "Point", "coordinates": [4, 4]},
                    {"type": "Polygon", "coordinates": [[[5, 5], [6, 5], [6, 6], [5, 5]]]}]}}
                ]}""".getBytes(StandardCharsets.UTF_8));

        JsonNode result = completed(ingest(api, "{\"container\": \"" + CONTAINER + "\", \"blob_name\": \"mixed.json\"}"));

        assertThat(result.get("tables")).extracting(JsonNode::asText).containsExactlyInAnyOrder("mixed_point", "mixed_line", "mixed_polygon");
        assertPublished("geo", "mixed_point", 2, "MultiPoint", 4326);
        assertPublished("geo", "mixed_line", 1, "MultiLineString", 4326);
        assertPublished("geo", "mixed_polygon", 2, "MultiPolygon", 4326);
        assertThat(tableExists("geo", "mixed")).isFalse();
        assertThat(result.at("/cleaning/collections_exploded").asLong()).isEqualTo(1);
        assertThat(value("select st_numgeometries(geom) from geo.mixed_point where kind = 'collection'")).isEqualTo(2);
        assertThat(value("select id from geo.mixed_polygon where kind = 'collection'")).isEqualTo(4L);
    }

    @Test
    void aZippedShapefileInAFolderIsReprojectedFromItsPrjAndKeepsItsText() throws Exception {
        fresh("parcels");
        Path folder = Files.createDirectories(files.resolve("shape"));
        TestFiles.squares(folder.resolve("parcels.shp"), "ESRI Shapefile", "parcels", 5, 25832, List.of());
        assertThat(folder.resolve("parcels.prj")).exists();
        upload(blobs, "shapes/parcels.zip", TestFiles.zipFolder(folder, "deep/folder/"));

        JsonNode result = completed(ingest(api, "{\"container\": \"" + CONTAINER + "\", \"blob_name\": \"shapes/parcels.zip\","
                + " \"index_columns\": [\"Name\"], \"time_column\": \"observed\"}"));

        Map<String, Object> catalog = assertPublished("geo", "parcels", 5, "MultiPolygon", 4326);
        assertThat(result.get("source_crs").asText()).isEqualTo("EPSG:25832");
        assertThat(value("select name from geo.parcels where id = 1")).isEqualTo("Zürich");
        assertThat(value("select round(st_x(st_centroid(geom))::numeric, 1) from geo.parcels where id = 1")).isEqualTo(new java.math.BigDecimal("9.0"));
        assertThat(count("select count(*) from pg_indexes where schemaname = 'geo' and tablename = 'parcels' and indexdef like '%(name)'")).isEqualTo(1);
        assertThat(catalog.get("time_column")).isEqualTo("observed");
        assertThat(value("select time_start::date::text from geo.table_catalog where table_name = 'parcels'")).isEqualTo("2001-05-02");
        assertThat(value("select observed from geo.parcels where id = 1")).as("year 0 is not a date PostgreSQL keeps").isNull();
        assertThat(result.at("/cleaning/dates_nulled").asLong()).isEqualTo(1);
    }

    @Test
    void aGeoPackageIsLoadedInParallelChunksWithItsColumnTypes() {
        fresh("squares");
        Path gpkg = TestFiles.squares(files.resolve("squares.gpkg"), "GPKG", "squares", 25, 4326, List.of());
        upload(blobs, "gpkg/squares.gpkg", gpkg);

        JsonNode job = ingest(api, "{\"container\": \"" + CONTAINER + "\", \"blob_name\": \"gpkg/squares.gpkg\", \"chunk_size\": 4,"
                + " \"index_columns\": [\"value\"]}");
        completed(job);

        assertPublished("geo", "squares", 25, "MultiPolygon", 4326);
        assertThat(job.get("task_counts").get("total").asInt()).as("prepare + 7 chunks + finalize").isEqualTo(9);
        assertThat(rows("select column_name, data_type from information_schema.columns where table_schema = 'geo' "
                + "and table_name = 'squares' order by ordinal_position")).extracting(r -> r.get("column_name") + " " + r.get("data_type"))
                .containsExactly("id bigint", "name text", "value double precision", "observed date", "geom USER-DEFINED");
        assertThat(count("select count(distinct id) from geo.squares")).isEqualTo(25);
        assertThat(count("select count(*) from pg_indexes where schemaname = 'geo' and tablename = 'squares' and indexdef like '%(value)'")).isEqualTo(1);
    }

    @Test
    void aCsvWithLatitudeAndLongitudeColumnsBecomesPoints() {
        fresh("stations");
        upload(blobs, "csv/stations.csv", """
                station,latitude,longitude,opened
                Basel,47.56,7.59,1860-05-01
                Bern,46.95,7.44,1858-06-02
                Chur,46.85,9.53,2001-07-03
                """.getBytes(StandardCharsets.UTF_8));

        completed(ingest(api, "{\"container\": \"" + CONTAINER + "\", \"blob_name\": \"csv/stations.csv\","
                + " \"x_column\": \"longitude\", \"y_column\": \"latitude\", \"source_crs\": \"EPSG:4326\", \"time_column\": \"opened\"}"));

        assertPublished("geo", "stations", 3, "MultiPoint", 4326);
        assertThat(columns("geo", "stations")).containsExactly("id", "station", "opened", "geom");
        assertThat(value("select round(st_x(st_geometryn(geom, 1))::numeric, 2) from geo.stations where station = 'Chur'"))
                .isEqualTo(new java.math.BigDecimal("9.53"));
    }

    @Test
    void aCsvWithAWktColumnSemicolonsAndAWindowsEncoding() {
        fresh("roads");
        byte[] csv = "label;wkt\nStra\u00dfe;\"LINESTRING (0 0,1 1)\"\nG\u00e4sschen;\"LINESTRING (2 2,3 3,4 2)\"\n"
                .getBytes(java.nio.charset.Charset.forName("windows-1252"));
        upload(blobs, "csv/roads.csv", csv);

        completed(ingest(api, "{\"container\": \"" + CONTAINER + "\", \"blob_name\": \"csv/roads.csv\", \"wkt_column\": \"wkt\","
                + " \"delimiter\": \";\", \"encoding\": \"windows-1252\", \"source_crs\": \"EPSG:4326\"}"));

        assertPublished("geo", "roads", 2, "MultiLineString", 4326);
        assertThat(rows("select label from geo.roads order by id")).extracting(r -> r.get("label")).containsExactly("Straße", "Gässchen");
    }

    @Test
    void kmlPlacemarksOfThreeKindsBecomeThreeTablesAndKmzIsUnpacked() {
        fresh("places_point", "places_line", "places_polygon", "park");
        String placemarks = """
                <Placemark><name>summit</name><Point><coordinates>8.5,47.3,500</coordinates></Point></Placemark>
                <Placemark><name>trail</name><LineString><coordinates>8.5,47.3 8.6,47.4</coordinates></LineString></Placemark>
                <Placemark><name>meadow</name><Polygon><outerBoundaryIs><LinearRing><coordinates>
                  8.5,47.3 8.6,47.3 8.6,47.4 8.5,47.3</coordinates></LinearRing></outerBoundaryIs></Polygon></Placemark>
                """;
        upload(blobs, "kml/places.kml", kml("places", placemarks).getBytes(StandardCharsets.UTF_8));
        upload(blobs, "kml/park.kmz", TestFiles.zip(Map.of("doc.kml", kml("park", """
                <Placemark><name>park</name><Polygon><outerBoundaryIs><LinearRing><coordinates>
                  7.0,46.0 7.1,46.0 7.1,46.1 7.0,46.0</coordinates></LinearRing></outerBoundaryIs></Polygon></Placemark>
                """).getBytes(StandardCharsets.UTF_8))));

        completed(ingest(api, "{\"container\": \"" + CONTAINER + "\", \"blob_name\": \"kml/places.kml\"}"));
        completed(ingest(api, "{\"container\": \"" + CONTAINER + "\", \"blob_name\": \"kml/park.kmz\"}"));

        assertPublished("geo", "places_point", 1, "MultiPoint", 4326);
        assertPublished("geo", "places_line", 1, "MultiLineString", 4326);
        assertPublished("geo", "places_polygon", 1, "MultiPolygon", 4326);
        assertPublished("geo", "park", 1, "MultiPolygon", 4326);
        assertThat(value("select name from geo.places_line")).isEqualTo("trail");
    }

    @Test
    void gpxTakesTheTrackByDefaultOrTheNamedLayer() throws Exception {
        Path gpx = resource("test_gpx.gpx");
        assumeTrue(Files.exists(gpx), "../shared/testdata/vector/test_gpx.gpx is absent (set GEOETL_SHARED_DIR): GPX test skipped");
        fresh("run", "run_points");
        upload(blobs, "gpx/run.gpx", gpx);

        completed(ingest(api, "{\"container\": \"" + CONTAINER + "\", \"blob_name\": \"gpx/run.gpx\"}"));
        completed(ingest(api, "{\"container\": \"" + CONTAINER + "\", \"blob_name\": \"gpx/run.gpx\", \"layer_name\": \"track_points\","
                + " \"table_name\": \"run_points\", \"time_column\": \"time\"}"));

        assertPublished("geo", "run", 1, "MultiLineString", 4326);
        assertPublished("geo", "run_points", 19, "MultiPoint", 4326);
        assertThat(value("select source_layer from geo.table_catalog where table_name = 'run'")).isEqualTo("tracks");
        assertThat(value("select time_start::text from geo.table_catalog where table_name = 'run_points'")).isEqualTo("2014-06-11 12:21:40+00");
    }

    @Test
    void aZippedFileGeodatabaseIsRead() throws Exception {
        fresh("forests");
        Path gdb = files.resolve("forests.gdb");
        TestFiles.squares(gdb, "OpenFileGDB", "forests", 3, 4326, List.of());
        upload(blobs, "gdb/forests.gdb.zip", TestFiles.zipFolder(gdb, "forests.gdb/"));

        JsonNode result = completed(ingest(api, "{\"container\": \"" + CONTAINER + "\", \"blob_name\": \"gdb/forests.gdb.zip\"}"));

        assertPublished("geo", "forests", 3, "MultiPolygon", 4326);
        assertThat(result.get("driver").asText()).isEqualTo("OpenFileGDB");
    }

    @Test
    void theSharedTestFilesAreIngested() throws Exception {
        Path wilderness = resource("coutwildrnp.zip");
        assumeTrue(Files.exists(wilderness), "../shared/testdata/vector is absent (set GEOETL_SHARED_DIR): real-file test skipped");
        fresh("coutwildrnp", "grenada", "rmnp");
        upload(blobs, "real/coutwildrnp.zip", wilderness);
        upload(blobs, "real/grenada.geojson", resource("grenada.geojson"));
        upload(blobs, "real/rmnp.geojson", resource("rmnp.geojson"));

        completed(ingest(api, "{\"container\": \"" + CONTAINER + "\", \"blob_name\": \"real/coutwildrnp.zip\", \"chunk_size\": 10}"));
        completed(ingest(api, "{\"container\": \"" + CONTAINER + "\", \"blob_name\": \"real/grenada.geojson\"}"));
        completed(ingest(api, "{\"container\": \"" + CONTAINER + "\", \"blob_name\": \"real/rmnp.geojson\"}"));

        assertPublished("geo", "coutwildrnp", 67, "MultiPolygon", 4326);
        assertThat(columns("geo", "coutwildrnp")).containsExactly("id", "perimeter", "feature2", "name", "feature1", "url", "agbur", "area",
                "state_fips", "wildrnp020", "state", "geom");
        assertPublished("geo", "grenada", 1, "MultiPolygon", 4326);
        assertThat(columns("geo", "grenada")).contains("name_en", "iso3166_1_alpha2", "is_in_continent");
        assertPublished("geo", "rmnp", 1, "MultiPolygon", 4326);
        assertThat(columns("geo", "rmnp")).containsExactly("id", "src_id", "geom");
    }

    @Test
    void aProjectedTargetCrsAndKeepZAreHonoured() {
        fresh("hill");
        upload(blobs, "hill.geojson", """
                {"type": "FeatureCollection", "features": [{"type": "Feature", "properties": {},
                  "geometry": {"type": "Polygon", "coordinates": [[[8, 47, 400], [8.1, 47, 410], [8.1, 47.1, 420], [8, 47, 400]]]}}]}
                """.getBytes(StandardCharsets.UTF_8));

        completed(ingest(api, "{\"container\": \"" + CONTAINER + "\", \"blob_name\": \"hill.geojson\", \"target_crs\": \"EPSG:3857\", \"keep_z\": true}"));

        assertPublished("geo", "hill", 1, "MultiPolygonZ", 3857);
        assertThat(value("select round(st_zmax(geom)) from geo.hill")).isEqualTo(420.0);
    }

    @Test
    void anExistingTableIsA409UnlessOverwriteReplacesATableGeoetlMade() {
        fresh("replaced", "foreign_table");
        upload(blobs, "replaced.geojson", point("first"));
        completed(ingest(api, "{\"container\": \"" + CONTAINER + "\", \"blob_name\": \"replaced.geojson\"}"));
        upload(blobs, "replaced.geojson", point("second"));

        Api.Reply refused = api.submit("ingest_vector", "{\"container\": \"" + CONTAINER + "\", \"blob_name\": \"replaced.geojson\", \"title\": \"again\"}");
        assertThat(refused.status()).as(refused.text()).isEqualTo(409);
        assertThat(refused.body().get("code").asText()).isEqualTo("table_exists");
        assertThat(refused.body().get("message").asText()).contains("geo.replaced").contains("overwrite");

        completed(ingest(api, "{\"container\": \"" + CONTAINER + "\", \"blob_name\": \"replaced.geojson\", \"overwrite\": true}"));
        assertPublished("geo", "replaced", 1, "MultiPoint", 4326);
        assertThat(value("select label from geo.replaced")).isEqualTo("second");

        execute("create table geo.foreign_table (x int)");
        Api.Reply notOurs = api.submit("ingest_vector", "{\"container\": \"" + CONTAINER + "\", \"blob_name\": \"replaced.geojson\","
                + " \"table_name\": \"foreign_table\", \"overwrite\": true}");
        assertThat(notOurs.status()).isEqualTo(409);
        assertThat(notOurs.body().get("code").asText()).isEqualTo("table_not_managed");
        assertThat(columns("geo", "foreign_table")).containsExactly("x");
    }

    private static byte[] point(String label) {
        return ("{\"type\": \"FeatureCollection\", \"features\": [{\"type\": \"Feature\", \"properties\": {\"label\": \"" + label + "\"},"
                + " \"geometry\": {\"type\": \"Point\", \"coordinates\": [1, 2]}}]}").getBytes(StandardCharsets.UTF_8);
    }

    private static String kml(String name, String placemarks) {
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<kml xmlns=\"http://www.opengis.net/kml/2.2\"><Document><name>" + name
                + "</name>\n" + placemarks + "</Document></kml>\n";
    }

    /** Removes tables and catalog rows an earlier run of the tests left. */
    private static void fresh(String... tables) {
        for (String table : tables) {
            execute("drop table if exists geo." + table);
            execute("delete from geo.table_catalog where schema_name = 'geo' and table_name = '" + table + "'");
        }
    }
}
