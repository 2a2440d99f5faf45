package io.geoetl.gdal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.geoetl.jobs.Json;
import io.geoetl.stac.StacSchemas;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.gdal.gdal.Dataset;
import org.gdal.gdal.gdal;
import org.gdal.gdalconst.gdalconstConstants;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Sensor metadata read from rasters GDAL writes here (TIFF tags, an IMD domain, band
 * descriptions), asserted field by field; odd values kept raw; every real raster of
 * ../shared/testdata/raster read; the properties valid STAC with their extensions.
 */
class SensorMetadataTest {
    private static final Path REAL_RASTERS = Path.of(System.getenv().getOrDefault("GEOETL_SHARED_DIR", "../shared"), "testdata", "raster");
    @TempDir
    Path dir;

    @BeforeAll
    static void gdal() {
        GdalRuntime.init();
    }

    @Test
    void tiffTagsAnImdDomainAndBandDescriptionsBecomeStacFields() {
        Path file = dir.resolve("tagged.tif");
        Dataset created = gdal.GetDriverByName("GTiff").Create(file.toString(), 16, 16, 3, gdalconstConstants.GDT_Byte);
        created.SetMetadataItem("TIFFTAG_DATETIME", "2024:05:06 07:08:09");
        created.SetMetadataItem("TIFFTAG_SOFTWARE", "Agisoft Metashape 2.1");
        created.SetMetadataItem("TIFFTAG_ARTIST", "Survey team B");
        created.SetMetadataItem("TIFFTAG_IMAGEDESCRIPTION", "Orthomosaic of the north field");
        // GDAL 3.6's GTiff driver neither writes nor reads the Make and Model tags; their EXIF items it keeps
        created.SetMetadataItem("EXIF_Make", "DJI");
        created.SetMetadataItem("EXIF_Model", "FC6310");
        created.SetMetadata(imd(Map.of("IMAGE_1.satId", "\"WV02\"", "IMAGE_1.firstLineTime", "2023-07-14T10:11:12.345678Z",
                "IMAGE_1.meanSunAz", "152.3", "IMAGE_1.meanSunEl", "61.2", "IMAGE_1.meanSatAz", "210.5",
                "IMAGE_1.meanOffNadirViewAngle", "14.8", "IMAGE_1.cloudCover", "0.12", "IMAGE_1.meanCollectedGSD", "0.52",
                "IMAGE_1.scanDirection", "Forward")), "IMD");
        created.GetRasterBand(1).SetDescription("red edge");
        created.GetRasterBand(2).SetDescription("near infrared");
        created.GetRasterBand(1).SetColorInterpretation(gdalconstConstants.GCI_RedBand);
        created.delete();

        SensorMetadata metadata = readFile(file);
        Map<String, Object> p = metadata.properties();
        assertThat(p).as("GDAL's digest of the IMD domain is not repeated").doesNotContainKey("geoetl:imagery");
        assertThat(p.get("datetime")).isEqualTo("2023-07-14T10:11:12.345Z");
        assertThat(p.get("platform")).isEqualTo("wv02");
        assertThat(p.get("constellation")).isEqualTo("worldview");
        assertThat(p.get("instruments")).isEqualTo(List.of("fc6310"));
        assertThat(p.get("description")).isEqualTo("Orthomosaic of the north field");
        assertThat(p.get("gsd")).isEqualTo(0.52);
        assertThat(p.get("view:off_nadir")).isEqualTo(14.8);
        assertThat(p.get("view:azimuth")).isEqualTo(210.5);
        assertThat(p.get("view:sun_azimuth")).isEqualTo(152.3);
        assertThat(p.get("view:sun_elevation")).isEqualTo(61.2);
        assertThat((Double) p.get("eo:cloud_cover")).isCloseTo(12.0, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(p.get("geoetl:tiff")).isEqualTo(Map.of("datetime", "2024:05:06 07:08:09", "software", "Agisoft Metashape 2.1",
                "artist", "Survey team B"));
        assertThat(p.get("geoetl:exif")).isEqualTo(Map.of("Make", "DJI"));
        assertThat(p.get("geoetl:imd")).isEqualTo(Map.of("IMAGE_1.scanDirection", "Forward"));
        assertThat(p.get("geoetl:bands")).isEqualTo(List.of(
                Map.of("index", 1, "description", "red edge", "color_interpretation", "red"),
                Map.of("index", 2, "description", "near infrared", "color_interpretation", "green"),
                Map.of("index", 3, "color_interpretation", "blue")));
        assertThat(metadata.extensionSchemas()).containsExactly(SensorMetadata.VIEW_SCHEMA, SensorMetadata.EO_SCHEMA);
        StacSchemas.assertItem(item("tagged", metadata));
    }

    @Test
    void theTiffDateIsTheAcquisitionTimeWhenNothingBetterIsThere() {
        Dataset ds = memory(1);
        ds.SetMetadataItem("TIFFTAG_DATETIME", "2024:05:06 07:08:09");
        ds.SetMetadataItem("TIFFTAG_MAKE", "Sony");
        ds.SetMetadataItem("TIFFTAG_MODEL", "ILCE-7RM4");
        SensorMetadata metadata = SensorMetadata.read(ds);
        ds.delete();
        assertThat(metadata.properties().get("datetime")).isEqualTo("2024-05-06T07:08:09Z");
        assertThat(metadata.properties().get("instruments")).isEqualTo(List.of("ilce-7rm4"));
        assertThat(metadata.properties().get("geoetl:tiff")).isEqualTo(Map.of("make", "Sony"));
        assertThat(metadata.properties()).doesNotContainKeys("geoetl:exif");
        assertThat(metadata.extensionSchemas()).isEmpty();
    }

    @Test
    void theImageryDomainWinsAndTheRpcDomainIsKeptAsGiven() {
        Dataset ds = memory(1);
        ds.SetMetadataItem("EXIF_DateTimeOriginal", "2020:01:02 03:04:05");
        ds.SetMetadata(imd(Map.of("SATELLITEID", "PHR1A", "ACQUISITIONDATETIME", "2021-09-10 11:12:13", "CLOUDCOVER", "7")), "IMAGERY");
        ds.SetMetadata(imd(Map.of("LINE_OFF", "2000", "SAMP_OFF", "3000", "LAT_OFF", "48.85")), "RPC");
        SensorMetadata metadata = SensorMetadata.read(ds);
        ds.delete();
        Map<String, Object> p = metadata.properties();
        assertThat(p.get("datetime")).isEqualTo("2021-09-10T11:12:13Z");
        assertThat(p.get("platform")).isEqualTo("phr1a");
        assertThat(p.get("constellation")).isEqualTo("pleiades");
        assertThat(p.get("eo:cloud_cover")).isEqualTo(7.0);
        assertThat(p.get("geoetl:exif")).isEqualTo(Map.of("DateTimeOriginal", "2020:01:02 03:04:05"));
        assertThat(p.get("geoetl:rpc")).isEqualTo(Map.of("LINE_OFF", "2000", "SAMP_OFF", "3000", "LAT_OFF", "48.85"));
        assertThat(metadata.extensionSchemas()).containsExactly(SensorMetadata.EO_SCHEMA);
    }

    @Test
    void valuesThatDoNotParseAreKeptRawAndNeverMapped() {
        Dataset ds = memory(1);
        ds.SetMetadataItem("TIFFTAG_DATETIME", "sometime in May");
        ds.SetMetadataItem("TIFFTAG_MODEL", "   ");
        ds.SetMetadata(imd(Map.of("IMAGE_1.meanSunEl", "high", "IMAGE_1.meanSatAz", "400", "IMAGE_1.cloudCover", "0.12.3",
                "IMAGE_1.meanCollectedGSD", "-1")), "IMD");
        ds.SetMetadata(imd(Map.of("CLOUDCOVER", "999")), "IMAGERY");
        SensorMetadata metadata = SensorMetadata.read(ds);
        ds.delete();
        Map<String, Object> p = metadata.properties();
        assertThat(p).doesNotContainKeys("datetime", "instruments", "view:sun_elevation", "view:azimuth", "eo:cloud_cover", "gsd");
        assertThat(p.get("geoetl:tiff")).isEqualTo(Map.of("datetime", "sometime in May", "model", ""));
        assertThat(p.get("geoetl:imd")).isEqualTo(Map.of("IMAGE_1.meanSunEl", "high", "IMAGE_1.meanSatAz", "400",
                "IMAGE_1.cloudCover", "0.12.3", "IMAGE_1.meanCollectedGSD", "-1"));
        assertThat(p.get("geoetl:imagery")).isEqualTo(Map.of("CLOUDCOVER", "999"));
        assertThat(metadata.extensionSchemas()).isEmpty();
        StacSchemas.assertItem(item("odd", metadata));
    }

    @Test
    void everyRealRasterReadsAndValidates() throws IOException {
        assumeTrue(Files.isDirectory(REAL_RASTERS), REAL_RASTERS + " is absent (set GEOETL_SHARED_DIR): real-raster test skipped");
        List<Path> files;
        try (Stream<Path> listing = Files.list(REAL_RASTERS)) {
            files = listing.filter(f -> f.toString().endsWith(".tif")).sorted().toList();
        }
        assertThat(files).isNotEmpty();
        List<String> read = new ArrayList<>();
        for (Path file : files) {
            SensorMetadata metadata = readFile(file);
            Dataset ds = gdal.Open(file.toString());
            assertThat((List<?>) metadata.properties().get("geoetl:bands")).as(file.toString()).hasSize(ds.getRasterCount());
            ds.delete();
            StacSchemas.assertItem(item(file.getFileName().toString().replace(".tif", ""), metadata));
            read.add(file.getFileName().toString());
        }
        if (read.contains("RGB.byte.tif")) {
            Dataset ds = gdal.Open(REAL_RASTERS.resolve("RGB.byte.tif").toString());
            assertThat(SensorMetadata.read(ds).properties().get("geoetl:bands").toString())
                    .contains("color_interpretation=red").contains("color_interpretation=green").contains("color_interpretation=blue");
            ds.delete();
        }
    }

    private static SensorMetadata readFile(Path file) {
        Dataset ds = gdal.Open(file.toString(), gdalconstConstants.GA_ReadOnly);
        assertThat(ds).as("GDAL opens %s: %s", file, gdal.GetLastErrorMsg()).isNotNull();
        try {
            return SensorMetadata.read(ds);
        } finally {
            ds.delete();
        }
    }

    private static Dataset memory(int bands) {
        return gdal.GetDriverByName("MEM").Create("", 4, 4, bands, gdalconstConstants.GDT_Byte);
    }

    private static Hashtable<String, String> imd(Map<String, String> items) {
        return new Hashtable<>(items);
    }

    /** A minimal item around the properties, as the raster job will build it. */
    private static ObjectNode item(String id, SensorMetadata metadata) {
        ObjectNode item = Json.object();
        item.put("type", "Feature");
        item.put("stac_version", "1.0.0");
        item.put("id", id);
        item.set("geometry", Json.parse("{\"type\":\"Polygon\",\"coordinates\":[[[0,0],[1,0],[1,1],[0,1],[0,0]]]}"));
        item.set("bbox", Json.parse("[0,0,1,1]"));
        ObjectNode properties = Json.MAPPER.valueToTree(metadata.properties());
        if (!properties.has("datetime")) properties.put("datetime", "2026-01-01T00:00:00Z");
        item.set("properties", properties);
        item.putArray("links");
        item.putObject("assets");
        item.set("stac_extensions", Json.MAPPER.valueToTree(metadata.extensionSchemas()));
        return item;
    }
}
