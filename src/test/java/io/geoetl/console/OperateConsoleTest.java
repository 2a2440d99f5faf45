package io.geoetl.console;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.azure.core.util.BinaryData;
import com.azure.storage.blob.BlobContainerClient;
import com.azure.storage.blob.BlobServiceClient;
import io.geoetl.testing.Api;
import io.geoetl.testing.TestDb;
import io.geoetl.testing.TestServices;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

/**
 * The console's submit and operations pages in headless chromium against a real router: a
 * hello_world submitted from the form generated out of GET /api/job-types (with the API's own
 * check first), the health and queue depths the API reports, and a bulk retry dry run, then done.
 */
class OperateConsoleTest extends ConsoleBrowser {

    @BeforeAll
    static void noJobsYet() {
        TestServices.get().deleteAllJobs(); // the jobs below have fixed parameters, so fixed ids
    }

    @Test
    void aHelloWorldIsCheckedAndSubmittedFromTheGeneratedFormWithTheKeyAskedForInADialog() {
        openSignedOut("#/submit/hello_world");
        WebElement n = waitFor(By.cssSelector("[data-parameter='n'] input"));
        assertThat(browser.findElement(By.cssSelector("html")).getAttribute("data-auth-mode")).isEqualTo("api-key");
        assertThat(browser.findElements(By.cssSelector(".form-field"))).as("one field per declared parameter").hasSize(4);
        assertThat(browser.findElement(By.cssSelector("[data-parameter='n'] .hint")).getText()).contains("Tasks per stage").contains("1 to 1000");

        expectConsoleError("status of 400"); // the check's 400 is logged by the browser as a failed resource
        n.sendKeys("0");
        browser.findElement(By.id("check-button")).click();
        WebElement problem = waitFor(By.cssSelector("[data-parameter='n'] .field-problems li"));
        assertThat(problem.getText()).contains("between 1 and 1000");
        assertThat(n.getAttribute("aria-invalid")).isEqualTo("true");
        screenshots("submit-problem");

        n.clear();
        n.sendKeys("2");
        browser.findElement(By.id("check-button")).click();
        assertThat(waitFor(By.id("check-ok")).getText()).contains("a new job would be created");
        String curl = browser.findElement(By.id("submit-curl")).getText();
        assertThat(curl).contains("$GEOETL_API_KEY").contains("{\"n\":2}").doesNotContain(Api.TEST_API_KEY);

        browser.findElement(By.id("submit-button")).click();
        WebElement keyInput = waitFor(By.id("key-dialog-input"));
        keyInput.sendKeys(Api.TEST_API_KEY);
        browser.findElement(By.cssSelector(".key-dialog button[type='submit']")).click();
        WebElement link = waitFor(By.id("submitted-job-link"));
        String jobId = link.getText();
        assertThat(link.getAttribute("href")).endsWith("#/job/" + jobId);
        JsonNode job = new Api(router.baseUrl()).get("/api/jobs/" + jobId).body();
        assertThat(job.get("job_type").asText()).isEqualTo("hello_world");
        browser.executeScript("document.getElementById('submit-outcome').scrollIntoView()");
        screenshots("submit");
    }

    @Test
    void theBlobPickerFillsContainerAndBlobNameFromTheBronzeListing() {
        BlobContainerClient bronze = router.bean("blobServiceClient", BlobServiceClient.class)
                .getBlobContainerClient(router.camel().resolvePropertyPlaceholders("{{geoetl.blob-drop.container}}"));
        bronze.createIfNotExists();
        String folder = "console-picker-" + UUID.randomUUID().toString().substring(0, 8) + "/";
        List<String> names = List.of(folder + "lakes.geojson", folder + "parks.geojson");
        names.forEach(name -> bronze.getBlobClient(name).upload(BinaryData.fromString("{}"), true));
        try {
            openSignedOut("#/submit/ingest_vector");
            waitFor(By.cssSelector("[data-parameter='blob_name'] .field-actions button")).click();
            WebElement prefix = waitFor(By.id("blob-picker-prefix"));
            prefix.sendKeys(folder);
            prefix.submit();
            waitUntil(driver -> browser.findElements(By.cssSelector(".blob-picker tbody tr")).size() == 2, "both blobs are listed");
            screenshots("blob-picker");
            browser.findElement(By.xpath("//dialog//button[text()='" + names.get(1) + "']")).click();
            assertThat(browser.findElement(By.cssSelector("[data-parameter='blob_name'] input")).getAttribute("value")).isEqualTo(names.get(1));
            assertThat(browser.findElement(By.cssSelector("[data-parameter='container'] input")).getAttribute("value")).isEqualTo(bronze.getBlobContainerName());
            assertThat(browser.findElement(By.id("submit-curl")).getText()).contains(names.get(1));
        } finally {
            names.forEach(name -> bronze.getBlobClient(name).deleteIfExists());
        }
    }

    @Test
    void theOperationsPageShowsEveryHealthPartAndTheQueueDepthTheApiReports() {
        Api api = new Api(router.baseUrl());
        openSignedOut("#/operations");
        waitFor(By.cssSelector("#ops-health .card"));
        Set<String> parts = new TreeSet<>();
        api.get("/api/health").body().get("checks").fieldNames().forEachRemaining(parts::add);
        Set<String> shown = new TreeSet<>();
        browser.findElements(By.cssSelector("#ops-health .card")).forEach(card -> shown.add(card.getAttribute("data-part")));
        assertThat(shown).isEqualTo(parts).contains("database", "storage", "queue");

        String queue = router.queueName();
        WebElement depth = waitFor(By.cssSelector("#ops-queues .card[data-queue='" + queue + "'] .value"));
        assertThat(Long.parseLong(depth.getText())).isEqualTo(queueDepth(api.get("/api/metrics").text(), queue));
        waitFor(By.cssSelector("#ops-charts figure[data-chart='Tasks per minute'] svg"));
        assertThat(browser.findElements(By.cssSelector("#ops-charts figure"))).hasSize(3);

        browser.executeScript("sessionStorage.setItem('geoetl.apiKey', arguments[0])", Api.TEST_API_KEY);
        browser.findElement(By.id("run-janitor")).click();
        waitFor(By.id("janitor-result"));
        waitUntil(driver -> browser.findElement(By.id("ops-janitor")).getText().contains("api:tests"), "the run is listed with its caller");
        screenshots("operations");
        browser.manage().window().setSize(new Dimension(360, 800));
        browser.executeScript("window.scrollTo(0, 0)");
        screenshots("operations-narrow");
    }

    @Test
    void aBulkRetryDryRunListsTheFailedJobsThenTheConfirmationRestartsThem() {
        Api api = new Api(router.baseUrl());
        List<String> failed = new ArrayList<>();
        for (int n = 5; n <= 6; n++) {
            failed.add(api.submit("hello_world", "{\"n\": " + n + ", \"fail_permanently\": [0]}").body().get("job_id").asText());
        }
        failed.forEach(id -> assertThat(api.waitForFinal(id, Duration.ofSeconds(60)).get("status").asText()).isEqualTo("failed"));

        openSignedOut("#/operations");
        browser.executeScript("sessionStorage.setItem('geoetl.apiKey', arguments[0])", Api.TEST_API_KEY);
        new Select(waitFor(By.id("retry-type"))).selectByValue("hello_world");
        browser.findElement(By.id("retry-error")).sendKeys("task");
        browser.findElement(By.id("retry-dry-run")).click();
        waitFor(By.id("retry-summary"));
        List<String> listed = browser.findElements(By.cssSelector("#retry-result a[data-job-id]")).stream()
                .map(link -> link.getAttribute("data-job-id")).toList();
        assertThat(listed).containsAll(failed);
        assertThat(api.get("/api/jobs/" + failed.get(0)).body().get("status").asText()).as("a dry run changes nothing").isEqualTo("failed");
        browser.executeScript("document.getElementById('bulk-retry').scrollIntoView()");
        screenshots("bulk-retry");

        browser.findElement(By.id("retry-confirm")).click();
        assertThat(waitFor(By.id("retry-done")).getText()).startsWith("Restarted");
        // the restarted jobs fail again at once (fail_permanently), so the restart shows in their history
        failed.forEach(id -> assertThat(TestDb.shared().count("select count(*) from app.job_events where job_id = ? and task_id is null "
                + "and actor = 'api:tests' and reason like 'bulk retry requested%'", id)).as("the restart of " + id).isEqualTo(1));
    }

    /** Opens a page with no API key in this tab's sessionStorage. */
    private void openSignedOut(String hash) {
        open(hash);
        browser.executeScript("sessionStorage.clear()");
        browser.navigate().refresh();
    }

    private static long queueDepth(String metrics, String queue) {
        Matcher matcher = Pattern.compile("^geoetl_queue_depth\\{[^}]*queue=\"" + Pattern.quote(queue) + "\"[^}]*\\} (\\S+)$", Pattern.MULTILINE)
                .matcher(metrics);
        assertThat(matcher.find()).as("geoetl_queue_depth of " + queue + " in /api/metrics").isTrue();
        return Math.round(Double.parseDouble(matcher.group(1)));
    }
}
