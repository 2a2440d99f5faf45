package io.geoetl.features;

import static io.geoetl.features.FeatureTables.HIDDEN;
import static io.geoetl.features.FeatureTables.MERCATOR;
import static io.geoetl.features.FeatureTables.MERCATOR_LONLAT;
import static io.geoetl.features.FeatureTables.POINTS;
import static io.geoetl.features.FeatureTables.POINT_COUNT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.geoetl.gdal.GdalRuntime;
import io.geoetl.testing.Api;
import io.geoetl.testing.RunningRouter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.gdal.ogr.DataSource;
import org.gdal.ogr.Feature;
import org.gdal.ogr.Layer;
import org.gdal.ogr.ogr;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** GDAL's OGC API Features client (ogrinfo, ogr2ogr with the OAPIF driver) reads /api/features of a real router. */
class GdalReadsFeaturesTest {
    private static RunningRouter router;
    @TempDir
    Path work;

    @BeforeAll
    static void start() {
        GdalRuntime.init();
        router = RunningRouter.builder().start();
        FeatureTables.ingest(new Api(router.baseUrl()));
    }

    @AfterAll
    static void stop() {
        router.close();
    }

    @Test
    void ogrinfoListsTheCataloguedCollections() throws Exception {
        Run run = run("ogrinfo", "-ro", "-q", "OAPIF:" + router.baseUrl() + "/api/features");
        assertThat(run.exitCode).as(run.output).isZero();
        assertThat(run.output).contains(POINTS).contains(MERCATOR).doesNotContain(HIDDEN);
    }

    @Test
    void ogr2ogrCopiesEachCollectionPageByPageWithItsFeatureCountAndCrs84Coordinates() throws Exception {
        Path gpkg = work.resolve("copy.gpkg");
        // GDAL's page size of 10 makes the 35 points take four pages
        Run run = run("ogr2ogr", "-f", "GPKG", gpkg.toString(), "OAPIF:" + router.baseUrl() + "/api/features", POINTS, MERCATOR,
                "-oo", "PAGE_SIZE=10", "--config", "CPL_DEBUG", "ON");
        assertThat(run.exitCode).as(run.output).isZero();
        assertThat(pagesFetched(run.output, POINTS)).as(run.output).hasSizeGreaterThanOrEqualTo(3);

        DataSource copy = ogr.Open(gpkg.toString());
        try {
            Layer points = copy.GetLayerByName(POINTS);
            assertThat(points.GetFeatureCount()).isEqualTo(POINT_COUNT);
            List<String> names = new ArrayList<>();
            for (Feature f = points.GetNextFeature(); f != null; f = points.GetNextFeature()) {
                names.add(f.GetFieldAsString("name"));
                f.delete();
            }
            assertThat(names).hasSize(POINT_COUNT).doesNotHaveDuplicates();

            Layer mercator = copy.GetLayerByName(MERCATOR);
            assertThat(mercator.GetFeatureCount()).isEqualTo(MERCATOR_LONLAT.length);
            assertThat(mercator.GetSpatialRef().GetAuthorityCode(null)).isEqualTo("4326");
            for (Feature f = mercator.GetNextFeature(); f != null; f = mercator.GetNextFeature()) {
                int index = Integer.parseInt(f.GetFieldAsString("label").substring(1)) - 1;
                double[] point = f.GetGeometryRef().GetGeometryRef(0).GetPoint_2D(0);
                assertThat(point[0]).as("lon of m%d", index + 1).isCloseTo(MERCATOR_LONLAT[index][0], within(1e-7));
                assertThat(point[1]).as("lat of m%d", index + 1).isCloseTo(MERCATOR_LONLAT[index][1], within(1e-7));
                f.delete();
            }
        } finally {
            copy.delete();
        }
    }

    /** The distinct items URLs of one collection that GDAL's debug output says it fetched. */
    private static List<String> pagesFetched(String debug, String collection) {
        Matcher urls = Pattern.compile("http://\\S*/collections/" + collection + "/items\\S*after=\\d+").matcher(debug);
        List<String> pages = new ArrayList<>();
        while (urls.find()) {
            if (!pages.contains(urls.group())) pages.add(urls.group());
        }
        return pages;
    }

    private record Run(int exitCode, String output) {}

    private Run run(String... command) throws IOException, InterruptedException {
        Path log = work.resolve(command[0] + ".log");
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        if (!process.waitFor(2, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new AssertionError(String.join(" ", command) + " did not finish within 2 minutes");
        }
        return new Run(process.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
    }
}
