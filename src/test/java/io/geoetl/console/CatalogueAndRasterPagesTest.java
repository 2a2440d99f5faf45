package io.geoetl.console;

import static org.assertj.core.api.Assertions.assertThat;

import com.azure.core.util.BinaryData;
import com.azure.storage.blob.BlobContainerClient;
import com.azure.storage.blob.BlobServiceClient;
import com.azure.storage.blob.BlobServiceClientBuilder;
import com.azure.storage.blob.models.BlobCorsRule;
import com.azure.storage.blob.models.BlobServiceProperties;
import com.fasterxml.jackson.databind.JsonNode;
import io.geoetl.gdal.GdalRuntime;
import io.geoetl.testing.Api;
import io.geoetl.testing.SmallVectors;
import io.geoetl.testing.TestServices;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Vector;
import org.gdal.gdal.Dataset;
import org.gdal.gdal.gdal;
import org.gdal.gdalconst.gdalconstConstants;
import org.gdal.osr.SpatialReference;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;

/**
 * The catalogue page (a box drawn on the map and a time range search the real STAC API) and the
 * item page of a processed raster (its thumbnail loads, OpenLayers draws the COG from Azurite
 * through the signed href). Items come from real ingest_vector and process_raster jobs.
 */
class CatalogueAndRasterPagesTest extends ConsoleBrowser {
    private static final String CONTAINER = "console-catalogue";
    private static final String NEAR = "console_near_points";
    private static final String FAR = "console_far_points";
    private static final String RASTER_COLLECTION = "console-rasters";
    private static String rasterItem;

    @BeforeAll
    static void ingestTablesAndARaster() throws Exception {
        BlobContainerClient container = blobs().getBlobContainerClient(CONTAINER);
        container.createIfNotExists();
        container.getBlobClient("near.geojson").upload(BinaryData.fromString(SmallVectors.geoJson("near", 8.5, 47.3, 0.1)), true);
        container.getBlobClient("far.geojson").upload(BinaryData.fromString(SmallVectors.geoJson("far", -73.9, 40.7, 0.1)), true);
        Api api = new Api(router.baseUrl());
        completed(api, "ingest_vector", "{\"container\": \"" + CONTAINER + "\", \"blob_name\": \"near.geojson\", \"table_name\": \"" + NEAR
                + "\", \"overwrite\": true}");
        completed(api, "ingest_vector", "{\"container\": \"" + CONTAINER + "\", \"blob_name\": \"far.geojson\", \"table_name\": \"" + FAR
                + "\", \"overwrite\": true}");
        Path tiff = fourBandTiff(Files.createTempDirectory("console-raster").resolve("field.tif"));
        container.getBlobClient("field.tif").uploadFromFile(tiff.toString(), true);
        JsonNode result = completed(api, "process_raster", "{\"container\": \"" + CONTAINER + "\", \"blob_name\": \"field.tif\", "
                + "\"collection_id\": \"" + RASTER_COLLECTION + "\"}");
        rasterItem = result.get("item_id").asText();
        allowTheRouterOriginToReadBlobs();
    }


    @Test
    void aBoxDrawnOnTheMapFindsTheItemsInsideItAndTheTimeRangeNarrowsThem() {
        // the map opens on 7..10 E, 46..48.5 N: the near table (8.5..8.6 E, 47.3 N) lies in its middle half, the far one in New York
        open("#/catalogue?view=7,46,10,48.5");
        WebElement map = waitFor(By.cssSelector("#catalogue-map[data-state='ready']"));
        browser.findElement(By.id("draw-box")).click();
        int width = map.getSize().width;
        int height = map.getSize().height;
        new Actions(browser).moveToElement(map, -width / 4, -height / 4).clickAndHold().moveByOffset(width / 4, height / 4)
                .moveByOffset(width / 4, height / 4).release().perform();
        String box = waitUntil(driver -> {
            String text = driver.findElement(By.id("box-text")).getText();
            return text.contains(",") ? text : null;
        }, "the drawn box is shown");
        double[] lonLat = java.util.Arrays.stream(box.split(",")).mapToDouble(s -> Double.parseDouble(s.trim())).toArray();
        assertThat(lonLat[0]).isLessThan(8.5);
        assertThat(lonLat[2]).isGreaterThan(8.6);
        assertThat(lonLat[1]).isLessThan(47.3);
        assertThat(lonLat[3]).isGreaterThan(47.3);

        browser.findElement(By.id("search")).click();
        WebElement results = waitFor(By.cssSelector("#search-results[data-count]"));
        String found = results.getText();
        assertThat(found).contains("geo." + NEAR).doesNotContain("geo." + FAR);
        screenshots("catalogue-search");

        setDate("search-from", LocalDate.of(2000, 1, 1));
        setDate("search-to", LocalDate.of(2000, 12, 31));
        browser.findElement(By.id("search")).click();
        // other tests' items may lie in this box in 2000; the near table (ingested today) must not
        waitUntil(driver -> {
            String text = driver.findElement(By.id("search-results")).getText();
            return !text.contains("Searching") && !text.contains("geo." + NEAR);
        }, "the near table is not found in 2000");
        setDate("search-from", LocalDate.now().minusDays(1));
        setDate("search-to", LocalDate.now().plusDays(1));
        browser.findElement(By.id("search")).click();
        waitUntil(driver -> driver.findElement(By.id("search-results")).getText().contains("geo." + NEAR), "the near table today");
    }

    @Test
    void aProcessedRastersItemShowsItsThumbnailAndTheCogOnTheMap() {
        open("#/item/" + RASTER_COLLECTION + "/" + rasterItem);
        WebElement thumbnail = waitFor(By.id("item-thumbnail"));
        waitUntil(driver -> ((Number) browser.executeScript("return arguments[0].complete ? arguments[0].naturalWidth : 0", thumbnail))
                .intValue() > 0, "the thumbnail loaded");
        WebElement map;
        try {
            map = waitUntil(driver -> {
                WebElement element = driver.findElement(By.id("item-map"));
                return "ready".equals(element.getAttribute("data-state")) ? element : null;
            }, "the COG is drawn", Duration.ofSeconds(60));
        } catch (org.openqa.selenium.TimeoutException e) {
            throw new AssertionError("the COG was not drawn: map state " + browser.findElement(By.id("item-map")).getAttribute("data-state")
                    + ", status '" + browser.findElement(By.cssSelector("#item-map + p")).getText() + "', COG requests "
                    + requestedUrls().stream().filter(url -> url.contains(".tif")).toList() + ", console "
                    + browser.manage().logs().get(org.openqa.selenium.logging.LogType.BROWSER).getAll(), e);
        }
        assertThat(map.getAttribute("data-preset")).startsWith("true colour");
        assertThat(requestedUrls()).anyMatch(url -> url.contains("sig=") && url.contains(".tif"));
        assertThat(browser.findElement(By.tagName("main")).getText()).contains("Provenance").contains("processing:software");
        screenshots("raster-item");

        new org.openqa.selenium.support.ui.Select(browser.findElement(By.id("band-preset"))).selectByIndex(1);
        waitUntil(driver -> map.getAttribute("data-preset").startsWith("false colour") && "ready".equals(map.getAttribute("data-state")),
                "the false colour preset is drawn", Duration.ofSeconds(60));
    }

    private static void setDate(String id, LocalDate date) {
        browser.executeScript("arguments[0].value = arguments[1]", browser.findElement(By.id(id)), date.toString());
    }

    /** A 256 x 256, 4-band byte GeoTIFF in UTM 32N (near 9 E, 46.9 N), a gradient in each band. */
    private static Path fourBandTiff(Path file) {
        GdalRuntime.init();
        Dataset ds = gdal.GetDriverByName("GTiff").Create(file.toString(), 256, 256, 4, gdalconstConstants.GDT_Byte, new Vector<>(List.of()));
        try {
            ds.SetGeoTransform(new double[] {500000, 10, 0, 5200000, 0, -10});
            SpatialReference srs = new SpatialReference();
            srs.ImportFromEPSG(32632);
            ds.SetProjection(srs.ExportToWkt());
            srs.delete();
            byte[] row = new byte[256];
            for (int b = 1; b <= 4; b++) {
                for (int y = 0; y < 256; y++) {
                    for (int x = 0; x < 256; x++) row[x] = (byte) ((x * b + y) % 251 + 1);
                    ds.GetRasterBand(b).WriteRaster(0, y, 256, 1, row);
                }
            }
        } finally {
            ds.delete();
        }
        return file;
    }

    /** Azurite answers cross-origin reads (OpenLayers fetches COG ranges from the page's origin) only for origins allowed here. */
    private static void allowTheRouterOriginToReadBlobs() {
        BlobServiceClient service = blobs();
        BlobServiceProperties properties = service.getProperties();
        properties.setCors(List.of(new BlobCorsRule().setAllowedOrigins(router.baseUrl()).setAllowedMethods("GET,HEAD,OPTIONS")
                .setAllowedHeaders("*").setExposedHeaders("*").setMaxAgeInSeconds(600)));
        service.setProperties(properties);
    }

    private static BlobServiceClient blobs() {
        return new BlobServiceClientBuilder().connectionString(TestServices.get().storageConnectionString).buildClient();
    }

    private static JsonNode completed(Api api, String type, String parameters) {
        Api.Reply submitted = api.submit(type, parameters);
        assertThat(submitted.status()).as(submitted.text()).isIn(200, 201);
        JsonNode job = api.waitForFinal(submitted.body().get("job_id").asText(), Duration.ofMinutes(4));
        assertThat(job.get("status").asText()).as(job.toPrettyString()).isEqualTo("completed");
        return job.get("result");
    }
}
