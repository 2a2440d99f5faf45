package io.geoetl.console;

import static org.assertj.core.api.Assertions.assertThat;

import com.azure.core.util.BinaryData;
import com.azure.storage.blob.BlobContainerClient;
import com.azure.storage.blob.BlobServiceClientBuilder;
import com.fasterxml.jackson.databind.JsonNode;
import io.geoetl.testing.Api;
import io.geoetl.testing.SmallVectors;
import io.geoetl.testing.TestDb;
import io.geoetl.testing.TestServices;
import java.time.Duration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;

/**
 * The vector tables page: tables ingested for real, opened on the map; the features drawn are
 * counted (the map's data-drawn-features) against the table. A small table comes as GeoJSON
 * pages, a large one (above GEOJSON_MAX_FEATURES = 5000) as vector tiles.
 */
class VectorMapTest extends ConsoleBrowser {
    private static final String SMALL = "console_small_points";
    private static final String LARGE = "console_large_points";

    @BeforeAll
    static void ingestTables() {
        ingest("small.csv", SmallVectors.csv(9), SMALL);
        ingest("large.csv", SmallVectors.csv(6000), LARGE);
    }


    @Test
    void aSmallTableIsDrawnFromGeoJsonPagesWithEveryFeatureAndItsCatalogRow() {
        open("#/tables");
        waitFor(By.cssSelector("a[href='#/tables/" + SMALL + "']")).click();
        WebElement map = waitUntil(driver -> driver.findElement(By.cssSelector("#table-map[data-state='ready']")), "the map is ready");
        assertThat(map.getAttribute("data-mode")).isEqualTo("geojson");
        assertThat(Long.parseLong(map.getAttribute("data-drawn-features"))).isEqualTo(tableCount(SMALL)).isEqualTo(9);
        String side = browser.findElement(By.cssSelector("aside.side")).getText();
        assertThat(side).contains("console-test/small.csv").contains("9").contains("name");
        screenshots("tables-small");
    }

    @Test
    void clickingAFeatureShowsItsProperties() {
        open("#/tables/" + SMALL);
        WebElement map = waitUntil(driver -> driver.findElement(By.cssSelector("#table-map[data-state='ready']")), "the map is ready");
        // the map is fitted to the table's extent: its middle point (p4 at 8.4, 47.3 of 8.0..8.8) is drawn at the map's centre
        new Actions(browser).moveToElement(map).click().perform();
        WebElement popup = waitFor(By.cssSelector(".popup table.properties"));
        assertThat(popup.getText()).contains("name").contains("p4");
        screenshots("tables-popup");
    }

    @Test
    void aLargeTableIsDrawnFromVectorTiles() {
        open("#/tables/" + LARGE);
        WebElement map = waitUntil(driver -> driver.findElement(By.cssSelector("#table-map[data-state='ready']")), "the map is ready");
        assertThat(map.getAttribute("data-mode")).isEqualTo("tiles");
        long count = tableCount(LARGE);
        waitUntil(driver -> String.valueOf(count).equals(map.getAttribute("data-drawn-features")),
                "all " + count + " features drawn from tiles", Duration.ofSeconds(60));
        assertThat(requestedUrls()).anyMatch(url -> url.contains("/api/features/collections/" + LARGE + "/tiles/"));
        screenshots("tables-tiles");
    }

    @Test
    void theListNamesEveryCataloguedTable() {
        open("#/tables");
        waitFor(By.cssSelector("a[href='#/tables/" + LARGE + "']"));
        screenshots("tables-list");
    }

    private static long tableCount(String table) {
        return TestDb.shared().count("select count(*) from geo." + table);
    }

    private static void ingest(String blob, String csv, String table) {
        BlobContainerClient container = new BlobServiceClientBuilder().connectionString(TestServices.get().storageConnectionString)
                .buildClient().getBlobContainerClient("console-test");
        container.createIfNotExists();
        container.getBlobClient(blob).upload(BinaryData.fromString(csv), true);
        Api api = new Api(router.baseUrl());
        Api.Reply submitted = api.submit("ingest_vector", "{\"container\": \"console-test\", \"blob_name\": \"" + blob
                + "\", \"table_name\": \"" + table + "\", \"source_crs\": \"EPSG:4326\", \"overwrite\": true}");
        assertThat(submitted.status()).as(submitted.text()).isIn(200, 201);
        JsonNode job = api.waitForFinal(submitted.body().get("job_id").asText(), Duration.ofMinutes(3));
        assertThat(job.get("status").asText()).as(job.toPrettyString()).isEqualTo("completed");
    }
}
