package io.geoetl.vector;

import static org.assertj.core.api.Assertions.assertThat;

import io.geoetl.gdal.GdalRuntime;
import java.util.Random;
import org.gdal.ogr.Geometry;
import org.gdal.ogr.ogr;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** QuickValidity may only say "valid" when GEOS agrees; it may leave any case to GEOS. */
class QuickValidityTest {

    @BeforeAll
    static void gdal() {
        GdalRuntime.init();
    }

    @Test
    void simpleRingsAndLinesAreProvenValid() {
        assertThat(proven("POLYGON ((0 0,1 0,1 1,0 1,0 0))")).isTrue();
        assertThat(proven("POLYGON ((0 0,0 1,1 1,1 0,0 0))")).as("clockwise is still valid").isTrue();
        assertThat(proven("POLYGON ((0 0,4 0,2 3,0 0))")).isTrue();
        assertThat(proven("MULTIPOLYGON (((0 0,1 0,1 1,0 1,0 0)))")).isTrue();
        assertThat(proven("POLYGON Z ((0 0 5,1 0 5,1 1 5,0 1 5,0 0 5))")).isTrue();
        assertThat(proven("LINESTRING (0 0,1 1)")).isTrue();
        assertThat(proven("MULTILINESTRING ((0 0,1 1),(2 2,2 3,2 2))")).isTrue();
    }

    @Test
    void invalidOrDoubtfulShapesAreLeftToGeos() {
        assertThat(proven("POLYGON ((0 0,2 2,2 0,0 2,0 0))")).as("bow tie").isFalse();
        assertThat(proven("POLYGON ((0 0,1 0,1 1,0 1))")).as("not closed").isFalse();
        assertThat(proven("POLYGON ((0 0,1 0,2 0,0 0))")).as("collinear").isFalse();
        assertThat(proven("POLYGON ((0 0,2 0,2 2,0 2,0 0),(0.5 0.5,1 0.5,1 1,0.5 0.5))")).as("hole").isFalse();
        assertThat(proven("POLYGON ((0 0,1 0,1 0,1 1,0 1,0 0))")).as("repeated point").isFalse();
        assertThat(proven("POLYGON ((0 0,2 0,2 2,1 0,0 2,0 0))")).as("touches itself").isFalse();
        assertThat(proven("POLYGON ((0 0,2 0,2 2,2 0,0 0))")).as("spike").isFalse();
        assertThat(proven("MULTIPOLYGON (((0 0,1 0,1 1,0 0)),((5 5,6 5,6 6,5 5)))")).as("two polygons").isFalse();
        assertThat(proven("LINESTRING (1 1,1 1)")).as("one distinct point").isFalse();
        assertThat(proven("POINT (1 1)")).isFalse();
    }

    @Test
    void whateverItProvesGeosFindsValid() {
        Random random = new Random(7);
        int proven = 0;
        for (int n = 0; n < 20_000; n++) {
            int corners = 3 + random.nextInt(6);
            StringBuilder wkt = new StringBuilder("POLYGON ((");
            double firstX = 0;
            double firstY = 0;
            for (int i = 0; i < corners; i++) {
                // a coarse grid makes collinear, touching and crossing edges common
                double x = random.nextInt(5) + (random.nextInt(10) == 0 ? 1e-9 * random.nextInt(3) : 0);
                double y = random.nextInt(5);
                if (i == 0) {
                    firstX = x;
                    firstY = y;
                }
                wkt.append(x).append(' ').append(y).append(',');
            }
            wkt.append(firstX).append(' ').append(firstY).append("))");
            Geometry geometry = Geometry.CreateFromWkt(wkt.toString());
            if (QuickValidity.proven(geometry.ExportToIsoWkb(ogr.wkbNDR))) {
                proven++;
                assertThat(geometry.IsValid()).as(wkt.toString()).isTrue();
            }
            geometry.delete();
        }
        assertThat(proven).as("random rings proven valid").isGreaterThan(1000);
    }

    private static boolean proven(String wkt) {
        Geometry geometry = Geometry.CreateFromWkt(wkt);
        try {
            return QuickValidity.proven(geometry.ExportToIsoWkb(ogr.wkbNDR));
        } finally {
            geometry.delete();
        }
    }
}
