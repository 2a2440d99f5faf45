package io.geoetl.console;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.geoetl.jobs.Json;
import io.geoetl.testing.Api;
import io.geoetl.testing.TestDb;
import io.geoetl.testing.TestServices;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/** The jobs list and the job page in headless chromium against a real router. */
class JobsConsoleTest extends ConsoleBrowser {
    private static final Duration WAIT = Duration.ofSeconds(90);
    private final TestDb db = TestDb.shared();
    private Api api;

    @BeforeEach
    void noJobsAndNoKey() {
        TestServices.get().deleteAllJobs();
        api = new Api(router.baseUrl());
        open("#/jobs");
        browser.executeScript("sessionStorage.clear()");
    }

    @Test
    void aSubmittedJobAppearsInTheListAndCompletesWithoutAReload() {
        open("#/jobs");
        waitUntil(driver -> browser.findElement(By.id("live-state")).getText().equals("live"), "the list listens to the event stream");
        browser.executeScript("window.stillTheSamePage = true");

        String jobId = api.submit("hello_world", "{\"n\": 3}").body().get("job_id").asText();
        By row = By.cssSelector("tr[data-job-id='" + jobId + "']");
        waitFor(row);
        waitUntil(driver -> "completed".equals(browser.findElement(row).getAttribute("data-status")), "the row shows completed", WAIT);

        assertThat(browser.executeScript("return window.stillTheSamePage")).as("no reload or navigation happened").isEqualTo(true);
        WebElement completed = browser.findElement(row);
        assertThat(completed.findElement(By.cssSelector(".cell-status")).getText()).isEqualTo("completed");
        assertThat(completed.findElement(By.cssSelector(".progress-text")).getText()).isEqualTo("100%");
        assertThat(completed.getText()).contains("hello_world", "3 greeting(s)");
        assertThat(browser.findElement(By.id("jobs-total")).getText()).isEqualTo("1–1 of 1 jobs");
        assertThat(browser.findElement(By.id("live-state")).getText()).as("updates came from the stream, not polling").isEqualTo("live");
        screenshots("jobs");
        browser.manage().window().setSize(new org.openqa.selenium.Dimension(360, 800));
        screenshots("jobs-narrow");
    }

    @Test
    void theJobPageShowsEveryStageWithTheApisCounts() {
        String jobId = api.submit("hello_world", "{\"n\": 4}").body().get("job_id").asText();
        api.waitForFinal(jobId, WAIT);
        JsonNode stages = api.get("/api/jobs/" + jobId + "/stages").body();

        open("#/jobs");
        waitFor(By.cssSelector("tr[data-job-id='" + jobId + "'] a")).click();
        waitUntil(driver -> browser.findElements(By.cssSelector("li.stage-box")).size() == 2, "both stages are drawn");

        List<WebElement> boxes = browser.findElements(By.cssSelector("li.stage-box"));
        for (JsonNode stage : stages.get("stages")) {
            WebElement box = boxes.get(stage.get("stage").asInt() - 1);
            assertThat(box.getText()).contains(stage.get("name").asText());
            JsonNode counts = stage.get("task_counts");
            assertThat(box.getAttribute("data-total")).isEqualTo(counts.get("total").asText());
            assertThat(counts.get("total").asLong()).isEqualTo(db.count("select count(*) from app.tasks where job_id = ? and stage = ?",
                    jobId, stage.get("stage").asInt()));
            for (WebElement state : box.findElements(By.cssSelector("li[data-state]"))) {
                assertThat(state.getAttribute("data-count")).as(state.getAttribute("data-state"))
                        .isEqualTo(counts.get(state.getAttribute("data-state")).asText());
            }
            assertThat(box.findElement(By.cssSelector("li[data-state='completed']")).getAttribute("data-count")).isEqualTo("4");
        }
        assertThat(browser.findElement(By.id("job-progress")).getText()).isEqualTo("100%");
        assertThat(browser.findElements(By.cssSelector("#tasks-table tbody tr"))).hasSize(8);
        assertThat(browser.findElements(By.cssSelector("ol.timeline li"))).hasSizeGreaterThanOrEqualTo(8);
        String result = browser.findElement(By.id("job-result")).getText();
        assertThat(Json.parse(result)).isEqualTo(api.get("/api/jobs/" + jobId).body().get("result"));
        assertThat(result).as("pretty-printed").contains("\n  \"replies\": 4");
        screenshots("job");
    }

    @Test
    void retryAndCleanupAskForTheKeyAndWorkWithIt() {
        String jobId = api.submit("hello_world", "{\"n\": 2, \"fail_permanently\": [1]}").body().get("job_id").asText();
        assertThat(api.waitForFinal(jobId, WAIT).get("status").asText()).isEqualTo("failed");
        open("#/job/" + jobId);

        waitFor(By.id("retry-button")).click();
        WebElement keyInput = waitFor(By.id("key-dialog-input"));
        screenshots("job-key-dialog");
        expectConsoleError("401");
        keyInput.sendKeys("not-the-key");
        browser.findElement(By.cssSelector(".key-dialog button[type='submit']")).click();
        // refused with 401: the dialog asks again, saying why
        waitUntil(driver -> browser.findElement(By.cssSelector(".key-dialog .reason")).getText().contains("did not accept"), "asked again");
        browser.findElement(By.id("key-dialog-input")).sendKeys(Api.TEST_API_KEY);
        browser.findElement(By.cssSelector(".key-dialog button[type='submit']")).click();
        waitUntil(driver -> browser.findElement(By.cssSelector(".actions-bar + div")).getText().contains("Retry started"), "the retry started");
        assertThat(db.scalar("select run from app.jobs where job_id = ?", jobId)).isEqualTo(2);
        assertThat(browser.findElement(By.id("credentials")).getText()).contains("API key set");

        api.waitForFinal(jobId, WAIT);
        WebElement cleanup = waitUntil(driver -> browser.findElement(By.id("cleanup-button")).isEnabled()
                ? browser.findElement(By.id("cleanup-button")) : null, "the rerun finished", WAIT);
        cleanup.click();
        waitFor(By.id("cleanup-dialog"));
        assertThat(db.count("select count(*) from app.job_events where job_id = ? and to_status = 'cleanup'", jobId))
                .as("the dry run deleted nothing").isZero();
        screenshots("job-cleanup");
        browser.findElement(By.id("cleanup-confirm")).click();
        waitUntil(driver -> browser.findElement(By.cssSelector(".actions-bar + div")).getText().contains("Cleanup done"), "the cleanup ran");
        assertThat(db.column("select actor from app.job_events where job_id = ? and to_status = 'cleanup'", jobId)).containsExactly("api:tests");
    }
}
