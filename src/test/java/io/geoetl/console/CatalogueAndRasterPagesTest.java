package io.geoetl.console;

import static org.assertj.core.api.Assertions.assertThat;

import com.azure.core.util.BinaryData;
import com.azure.storage.blob.BlobContainerClient;
import com.azure.storage.blob.BlobServiceClient;
import com.azure.storage.blob.BlobServiceClientBuilder;
import com.azure.storage.blob.models.BlobCorsRule;
import com.azure.storage.blob.models.BlobServiceProperties;
import com.fasterxml.jackson.databind.JsonNode;
import io.geoetl.raster.GeneratedRasters;
import io.geoetl.testing.Api;
import io.geoetl.testing.SmallVectors;
import io.geoetl.testing.TestServices;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.Select;

/**
 * The catalogue page (a box drawn on the map and a time range search the real STAC API), the
 * item page of a processed raster (its thumbnail loads, OpenLayers draws the COG from Azurite
 * through the signed href, in each preset of the item's TiTiler links, sampled from the drawn
 * pixels) and the rasters list (newest first, thumbnails, pages). Items come from real
 * ingest_vector and process_raster jobs.
 */
@RouterProperties("geoetl.raster.titiler-url=http://127.0.0.1:9/titiler") // links only: the console never calls TiTiler
class CatalogueAndRasterPagesTest extends ConsoleBrowser {
    private static final String CONTAINER = "console-catalogue";
    private static final String NEAR = "console_near_points";
    private static final String FAR = "console_far_points";
    private static final String RASTER_COLLECTION = "console-rasters";
    private static String rasterItem;
    private static String singleBandItem;

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
        Path folder = Files.createTempDirectory("console-raster");
        // a one-band raster and a 4-band one, with names new in every run: the same parameters would give the
        // job (and item) of an earlier run
        String run = Long.toString(System.currentTimeMillis(), 36);
        singleBandItem = processedRaster(api, container, GeneratedRasters.byteTiff(folder.resolve("height-" + run + ".tif"), 128, 128, 1, true,
                List.of()));
        // grey bands (GDAL would make 4 byte bands RGB + alpha): a multispectral raster, whose item carries band presets
        rasterItem = processedRaster(api, container, GeneratedRasters.byteTiff(folder.resolve("field-" + run + ".tif"), 256, 256, 4, true,
                List.of("PHOTOMETRIC=MINISBLACK")));
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
    void aProcessedRastersItemShowsItsThumbnailTheCogAndTheItemsBandPresets() {
        open("#/item/" + RASTER_COLLECTION + "/" + rasterItem);
        WebElement thumbnail = waitFor(By.id("item-thumbnail"));
        waitUntil(driver -> ((Number) browser.executeScript("return arguments[0].complete ? arguments[0].naturalWidth : 0", thumbnail))
                .intValue() > 0, "the thumbnail loaded");
        WebElement map = drawn("True colour");
        assertThat(requestedUrls()).anyMatch(url -> url.contains("sig=") && url.contains(".tif"));
        assertThat(browser.findElement(By.tagName("main")).getText()).contains("Provenance").contains("processing:software");

        // the presets are the item's own TiTiler links: band lists and the NDVI expression
        List<String> presets = new Select(browser.findElement(By.id("band-preset"))).getOptions().stream().map(WebElement::getText).toList();
        List<String> linkTitles = new ArrayList<>();
        new Api(router.baseUrl()).get("/api/stac/collections/" + RASTER_COLLECTION + "/items/" + rasterItem).body().get("links")
                .forEach(link -> {
                    if (link.path("href").asText().matches(".*[?&](bidx|expression)=.*")) linkTitles.add(link.get("title").asText());
                });
        assertThat(presets).isEqualTo(linkTitles)
                .containsExactly("True colour (bands 1, 2, 3)", "False colour with NIR (bands 4, 1, 2)", "NDVI ((b4 - b1) / (b4 + b1))");
        Pixels trueColour = Pixels.of(map);
        screenshots("raster-item");

        new Select(browser.findElement(By.id("band-preset"))).selectByIndex(1);
        Pixels falseColour = Pixels.of(drawn("False colour"));
        new Select(browser.findElement(By.id("band-preset"))).selectByIndex(2);
        Pixels ndvi = Pixels.of(drawn("NDVI"));
        screenshots("raster-item-ndvi");
        System.out.printf("raster item pixels: true colour %s, false colour %s, NDVI %s%n", trueColour, falseColour, ndvi);

        assertThat(falseColour.differenceFrom(trueColour)).as("false colour draws other pixels than true colour").isGreaterThan(20);
        assertThat(ndvi.differenceFrom(trueColour)).as("NDVI draws other pixels than true colour").isGreaterThan(20);
        // every colour of the red-yellow-green ramp has less blue than red or green; the bands drawn as colours do not
        assertThat(ndvi.shareOnTheRamp()).as("NDVI pixels on the red-yellow-green ramp").isGreaterThan(0.98);
        assertThat(trueColour.shareOnTheRamp()).isLessThan(0.9);
    }

    @Test
    void theRastersListShowsTheNewestRastersWithThumbnailsAndPages() {
        open("#/rasters");
        WebElement list = waitFor(By.cssSelector("#raster-list[data-count]"));
        List<WebElement> rows = list.findElements(By.cssSelector("tbody tr"));
        assertThat(rows).hasSizeBetween(2, 20);
        // this class's two rasters are the newest (their datetimes may fall in the same second: either order)
        List<String> newest = rows.subList(0, 2).stream().map(row -> row.findElement(By.tagName("a")).getText()).toList();
        assertThat(newest).containsExactlyInAnyOrder(rasterItem, singleBandItem);
        WebElement multispectral = rows.get(newest.indexOf(rasterItem));
        assertThat(multispectral.getText()).contains(RASTER_COLLECTION).containsPattern("\\d+(\\.\\d)? (B|kB|MB)");
        WebElement thumbnail = multispectral.findElement(By.tagName("img"));
        waitUntil(driver -> ((Number) browser.executeScript("return arguments[0].complete ? arguments[0].naturalWidth : 0", thumbnail))
                .intValue() > 0, "the raster's thumbnail loaded");
        screenshots("rasters");

        open("#/rasters?limit=1");
        waitUntil(driver -> onlyRow().contains(newest.get(0)), "page 1 of 1 holds the newest raster");
        assertThat(browser.findElement(By.id("rasters-prev")).isEnabled()).isFalse();
        browser.findElement(By.id("rasters-next")).click();
        waitUntil(driver -> onlyRow().contains(newest.get(1)), "page 2 holds the raster before it");
        assertThat(browser.findElement(By.id("raster-page")).getText()).startsWith("Page 2");
        browser.findElement(By.id("rasters-prev")).click();
        waitUntil(driver -> onlyRow().contains(newest.get(0)), "back on page 1");
        browser.findElement(By.linkText(newest.get(0))).click();
        waitFor(By.id("item-map"));
        assertThat(browser.getCurrentUrl()).endsWith("#/item/" + RASTER_COLLECTION + "/" + newest.get(0));
    }

    /** The text of the raster list's one row ("" while it has another number of rows). */
    private static String onlyRow() {
        List<WebElement> rows = browser.findElements(By.cssSelector("#raster-list tbody tr"));
        return rows.size() == 1 ? rows.get(0).getText() : "";
    }

    /** The item map once it has drawn the preset whose title starts with {@code title}. */
    private WebElement drawn(String title) {
        try {
            return waitUntil(driver -> {
                WebElement element = driver.findElement(By.id("item-map"));
                String preset = element.getAttribute("data-preset");
                return preset != null && preset.startsWith(title) && "ready".equals(element.getAttribute("data-state")) ? element : null;
            }, "the COG is drawn as " + title, Duration.ofSeconds(60));
        } catch (org.openqa.selenium.TimeoutException e) {
            throw new AssertionError("the COG was not drawn: map state " + browser.findElement(By.id("item-map")).getAttribute("data-state")
                    + ", status '" + browser.findElement(By.cssSelector("#item-map + p")).getText() + "', COG requests "
                    + requestedUrls().stream().filter(url -> url.contains(".tif")).toList() + ", console "
                    + browser.manage().logs().get(org.openqa.selenium.logging.LogType.BROWSER).getAll(), e);
        }
    }

    /** The pixels drawn in the middle of a map (where the COG covers it), from a screenshot of the element. */
    private record Pixels(int[] rgb) {
        static Pixels of(WebElement map) {
            try {
                BufferedImage image = ImageIO.read(new ByteArrayInputStream(map.getScreenshotAs(OutputType.BYTES)));
                // the raster is square and fitted to the map: a square of half the map's height in its middle lies inside it
                int half = Math.min(image.getWidth(), image.getHeight()) / 4;
                int centreX = image.getWidth() / 2;
                int centreY = image.getHeight() / 2;
                List<Integer> sampled = new ArrayList<>();
                for (int y = centreY - half; y < centreY + half; y += 3) {
                    for (int x = centreX - half; x < centreX + half; x += 3) sampled.add(image.getRGB(x, y) & 0xffffff);
                }
                return new Pixels(sampled.stream().mapToInt(Integer::intValue).toArray());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        /** The mean absolute difference per channel (0-255) between the same pixels of two drawings. */
        double differenceFrom(Pixels other) {
            long total = 0;
            for (int i = 0; i < rgb.length; i++) {
                for (int shift = 0; shift <= 16; shift += 8) total += Math.abs(((rgb[i] >> shift) & 255) - ((other.rgb[i] >> shift) & 255));
            }
            return total / (3.0 * rgb.length);
        }

        /** The share of pixels with less blue than red or green. */
        double shareOnTheRamp() {
            long on = java.util.Arrays.stream(rgb).filter(p -> (p & 255) < Math.max((p >> 16) & 255, (p >> 8) & 255)).count();
            return (double) on / rgb.length;
        }

        @Override
        public String toString() {
            double[] mean = new double[3];
            for (int p : rgb) for (int c = 0; c < 3; c++) mean[c] += (p >> (16 - 8 * c)) & 255;
            return String.format("mean rgb %.0f/%.0f/%.0f, on the ramp %.2f", mean[0] / rgb.length, mean[1] / rgb.length, mean[2] / rgb.length,
                    shareOnTheRamp());
        }
    }

    private static void setDate(String id, LocalDate date) {
        browser.executeScript("arguments[0].value = arguments[1]", browser.findElement(By.id(id)), date.toString());
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

    /** The item id of a process_raster job over this file, uploaded to the test container. */
    private static String processedRaster(Api api, BlobContainerClient container, Path tiff) {
        String name = tiff.getFileName().toString();
        container.getBlobClient(name).uploadFromFile(tiff.toString(), true);
        return completed(api, "process_raster", "{\"container\": \"" + CONTAINER + "\", \"blob_name\": \"" + name + "\", "
                + "\"collection_id\": \"" + RASTER_COLLECTION + "\"}").get("item_id").asText();
    }

    private static JsonNode completed(Api api, String type, String parameters) {
        Api.Reply submitted = api.submit(type, parameters);
        assertThat(submitted.status()).as(submitted.text()).isIn(200, 201);
        JsonNode job = api.waitForFinal(submitted.body().get("job_id").asText(), Duration.ofMinutes(4));
        assertThat(job.get("status").asText()).as(job.toPrettyString()).isEqualTo("completed");
        return job.get("result");
    }
}
