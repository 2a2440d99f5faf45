package io.geoetl.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.geoetl.testing.Api;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * A router whose reads need credentials (geoetl.auth.read-open=false): the console asks for the key
 * as soon as a read answers 401, on whichever page, then shows the data; a person who cancels is
 * told that reading needs a key, and the header's "Enter key" shows the page again with the data.
 */
@RouterProperties("geoetl.auth.read-open=false")
class ReadsNeedAKeyTest extends ConsoleBrowser {

    @BeforeEach
    void signedOut() {
        // a page of the console's origin that runs no script: the tab forgets the key of an earlier test
        browser.get(router.baseUrl() + "/console/style.css");
        browser.executeScript("sessionStorage.clear()");
        expectConsoleError("favicon.ico"); // asked for by the stylesheet's tab, which names no icon
        expectConsoleError("status of 401"); // the browser logs each refused read as a failed resource
    }

    @Test
    void theOperationsPageAsksForTheKeyOnceThenShowsEveryHealthPart() {
        assertThat(Api.anonymous(router.baseUrl()).get("/api/health").status()).as("anonymous reads are refused").isEqualTo(401);
        open("#/operations");
        WebElement dialog = waitFor(By.cssSelector("dialog.key-dialog"));
        assertThat(dialog.getText()).contains("Reading needs credentials");
        screenshots("read-key-dialog");
        browser.findElement(By.id("key-dialog-input")).sendKeys(Api.TEST_API_KEY);
        dialog.findElement(By.cssSelector("button.primary")).click();

        waitFor(By.cssSelector("#ops-health .card"));
        assertThat(healthPartsShown()).isEqualTo(healthParts()).contains("database", "storage", "queue");
        waitFor(By.cssSelector("#ops-queues .card[data-queue='" + router.queueName() + "']"));
        assertThat(browser.findElements(By.cssSelector("dialog.key-dialog"))).as("one dialog for all the page's reads").isEmpty();
        screenshots("operations-read-key");

        // another page reads with the key the tab keeps: no dialog
        open("#/tables");
        waitFor(By.cssSelector("[data-page='tables'] h1"));
        waitUntil(driver -> !driver.findElements(By.cssSelector("[data-page='tables'] table, [data-page='tables'] .notice-info")).isEmpty(),
                "the tables (or that there are none) are shown");
        assertThat(browser.findElements(By.cssSelector("dialog.key-dialog"))).isEmpty();
        assertThat(browser.findElement(By.tagName("main")).getText()).doesNotContain("No credential");
    }

    @Test
    void cancellingTheDialogSaysReadingNeedsAKeyAndEnterKeyThenShowsTheData() {
        open("#/operations");
        WebElement dialog = waitFor(By.cssSelector("dialog.key-dialog"));
        dialog.findElement(By.cssSelector("button.cancel")).click();
        WebElement health = waitFor(By.cssSelector("#ops-health .notice-error"));
        assertThat(health.getText()).contains("reading needs an API key");
        WebElement banner = waitFor(By.id("reads-need-credentials"));
        assertThat(banner.getText()).contains("does not allow anonymous reads");
        assertThat(browser.findElements(By.cssSelector("dialog.key-dialog"))).as("the page's other reads do not ask again").isEmpty();
        screenshots("operations-no-read-key");

        banner.findElement(By.tagName("button")).click();
        waitFor(By.id("key-dialog-input")).sendKeys(Api.TEST_API_KEY);
        browser.findElement(By.cssSelector("dialog.key-dialog button.primary")).click();
        waitFor(By.cssSelector("#ops-health .card"));
        assertThat(healthPartsShown()).isEqualTo(healthParts());
        assertThat(browser.findElements(By.id("reads-need-credentials"))).isEmpty();
    }

    private Set<String> healthParts() {
        Set<String> parts = new TreeSet<>();
        new Api(router.baseUrl()).get("/api/health").body().get("checks").fieldNames().forEachRemaining(parts::add);
        return parts;
    }

    private Set<String> healthPartsShown() {
        Set<String> shown = new TreeSet<>();
        browser.findElements(By.cssSelector("#ops-health .card")).forEach(card -> shown.add(card.getAttribute("data-part")));
        return shown;
    }
}
