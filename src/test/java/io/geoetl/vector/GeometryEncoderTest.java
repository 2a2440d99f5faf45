package io.geoetl.vector;

import static org.assertj.core.api.Assertions.assertThat;

import io.geoetl.gdal.GdalRuntime;
import io.geoetl.testing.TestServices;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.Arrays;
import org.gdal.ogr.Geometry;
import org.gdal.ogr.ogr;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The EWKB GeometryEncoder writes is what PostGIS reads back, promoted, oriented and split by family. */
class GeometryEncoderTest {

    @BeforeAll
    static void gdal() {
        GdalRuntime.init();
    }

    @Test
    void aPolygonBecomesACounterClockwiseMultiPolygonWithItsSrid() throws Exception {
        GeometryEncoder encoder = new GeometryEncoder(4326, false, false);
        assertThat(encoder.encode(wkb("POLYGON ((0 0,0 1,1 1,1 0,0 0),(0.2 0.2,0.4 0.2,0.4 0.4,0.2 0.2))"))).isTrue();
        assertThat(encoder.wasSingle()).isTrue();
        assertThat(encoder.reversedRing()).isTrue();
        assertThat(postgis(encoder, GeometryFamily.POLYGON))
                .isEqualTo("SRID=4326;MULTIPOLYGON(((0 0,1 0,1 1,0 1,0 0),(0.2 0.2,0.4 0.4,0.4 0.2,0.2 0.2)))");
        assertThat(new double[] {encoder.minX(), encoder.minY(), encoder.maxX(), encoder.maxY()}).containsExactly(0, 0, 1, 1);
    }

    @Test
    void zAndMAreDroppedOrKeptAsTheTableSays() throws Exception {
        GeometryEncoder flat = new GeometryEncoder(4326, false, false);
        flat.encode(wkb("LINESTRING ZM (1 2 3 4,5 6 7 8)"));
        assertThat(flat.droppedZM()).isTrue();
        assertThat(postgis(flat, GeometryFamily.LINE)).isEqualTo("SRID=4326;MULTILINESTRING((1 2,5 6))");

        GeometryEncoder withZ = new GeometryEncoder(3857, true, false);
        withZ.encode(wkb("POINT (1 2)"));
        assertThat(withZ.droppedZM()).isFalse();
        assertThat(postgis(withZ, GeometryFamily.POINT)).isEqualTo("SRID=3857;MULTIPOINT(1 2 0)");
    }

    @Test
    void aCollectionIsExplodedIntoOneMultiGeometryPerFamily() throws Exception {
        GeometryEncoder encoder = new GeometryEncoder(4326, false, false);
        encoder.encode(wkb("GEOMETRYCOLLECTION (POINT (1 1),GEOMETRYCOLLECTION (POINT (2 2),LINESTRING (0 0,1 0)),"
                + "MULTIPOLYGON (((0 0,1 0,1 1,0 0))),POINT EMPTY)"));
        assertThat(encoder.wasCollection()).isTrue();
        assertThat(postgis(encoder, GeometryFamily.POINT)).isEqualTo("SRID=4326;MULTIPOINT(1 1,2 2)");
        assertThat(postgis(encoder, GeometryFamily.LINE)).isEqualTo("SRID=4326;MULTILINESTRING((0 0,1 0))");
        assertThat(postgis(encoder, GeometryFamily.POLYGON)).isEqualTo("SRID=4326;MULTIPOLYGON(((0 0,1 0,1 1,0 0)))");
    }

    @Test
    void emptyGeometriesLeaveNothingAndBigEndianInputIsRead() {
        GeometryEncoder encoder = new GeometryEncoder(4326, false, false);
        assertThat(encoder.encode(wkb("MULTIPOLYGON EMPTY"))).isFalse();
        Geometry point = Geometry.CreateFromWkt("POINT (3 4)");
        assertThat(encoder.encode(point.ExportToIsoWkb(ogr.wkbXDR))).isTrue();
        assertThat(encoder.minX()).isEqualTo(3);
    }

    @Test
    void aWideEnvelopeIsFlaggedForTheAntimeridianCheck() {
        GeometryEncoder encoder = new GeometryEncoder(4326, false, false);
        encoder.encode(wkb("POLYGON ((179 10,-179 10,-179 11,179 11,179 10))"));
        assertThat(encoder.mayCrossAntimeridian()).isTrue();
        encoder.encode(wkb("POLYGON ((9 10,10 10,10 11,9 10))"));
        assertThat(encoder.mayCrossAntimeridian()).isFalse();
    }

    private static byte[] wkb(String wkt) {
        Geometry geometry = Geometry.CreateFromWkt(wkt);
        try {
            return geometry.ExportToIsoWkb(ogr.wkbNDR);
        } finally {
            geometry.delete();
        }
    }

    /** The family's EWKB as PostGIS reads it, in EWKT. */
    private static String postgis(GeometryEncoder encoder, GeometryFamily family) throws Exception {
        byte[] ewkb = Arrays.copyOf(encoder.bytes(family), encoder.length(family));
        try (Connection c = TestServices.get().connect(); PreparedStatement s = c.prepareStatement("select st_asewkt(st_geomfromewkb(?))")) {
            s.setBytes(1, ewkb);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getString(1);
            }
        }
    }
}
