package io.geoetl.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import io.geoetl.jobs.Json;
import io.geoetl.testing.RunningRouter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.logging.Level;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.TestInfo;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Base class of the console's browser tests: one real router (the real main class and routes)
 * and Debian's headless chromium driven through the system chromedriver. Every request the page
 * makes is recorded (Chrome's performance log, Network.requestWillBeSent) and a test FAILS when one
 * goes to a host other than the loopback; chromium also starts with every other host mapped to
 * nothing (--host-resolver-rules), as a belt. Console errors fail the test too, unless declared
 * with {@link #expectConsoleError}. {@link #screenshots} saves the page light and dark to
 * target/console-screenshots/.
 */
public abstract class ConsoleBrowser {
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final Path SCREENSHOTS = Path.of("target", "console-screenshots");
    private static final Set<String> LOOPBACK = Set.of("127.0.0.1", "localhost", "[::1]", "::1");

    protected static RunningRouter router;
    protected static ChromeDriver browser;
    private static ChromeDriverService driverService;
    private final List<String> requestedUrls = new ArrayList<>();
    private final List<String> expectedConsoleErrors = new ArrayList<>();

    @BeforeAll
    static void startRouterAndBrowser(TestInfo testClass) {
        if (!Files.isExecutable(CHROMIUM) || !Files.isExecutable(CHROMEDRIVER)) {
            fail(CHROMIUM + " or " + CHROMEDRIVER + " is missing: run scripts/setup (it installs Debian's chromium and chromium-driver)");
        }
        RunningRouter.Builder builder = RunningRouter.builder();
        RouterProperties properties = testClass.getTestClass().map(type -> type.getAnnotation(RouterProperties.class)).orElse(null);
        if (properties != null) {
            for (String property : properties.value()) {
                String[] keyAndValue = property.split("=", 2);
                builder.property(keyAndValue[0].trim(), keyAndValue[1].trim());
            }
        }
        router = builder.start();
        driverService = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort().build();
        browser = new ChromeDriver(driverService, options());
        browser.manage().timeouts().scriptTimeout(Duration.ofSeconds(30));
    }

    private static ChromeOptions options() {
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                "--window-size=1280,900", "--no-first-run", "--no-default-browser-check", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--disable-default-apps", "--disable-extensions",
                "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1");
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.PERFORMANCE, Level.ALL);
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        options.setExperimentalOption("perfLoggingPrefs", Map.of("enableNetwork", true, "enablePage", false));
        return options;
    }

    @AfterAll
    static void stopBrowserAndRouter() {
        if (browser != null) browser.quit();
        if (driverService != null) driverService.stop();
        if (router != null) router.close();
        browser = null;
        driverService = null;
        router = null;
    }

    @BeforeEach
    void freshTab() {
        browser.manage().window().setSize(new org.openqa.selenium.Dimension(1280, 900));
        setColorScheme("light");
        drainLogs();
        requestedUrls.clear();
        expectedConsoleErrors.clear();
    }

    @AfterEach
    void nothingLeftTheMachineAndNoConsoleErrors() {
        checkRequestsAndConsole();
    }

    /** Opens a console page: {@code hash} like "#/jobs", or "" for the default page. */
    protected void open(String hash) {
        // a new document every time: a change of the hash alone would keep the page that is open
        browser.get("about:blank");
        browser.get(router.baseUrl() + "/console/" + hash);
        waitUntil(driver -> ((ChromeDriver) driver).executeScript("return document.readyState").equals("complete"), "the page loaded");
    }

    protected WebElement waitFor(By locator) {
        return waitUntil(driver -> driver.findElements(locator).stream().filter(WebElement::isDisplayed).findFirst().orElse(null),
                "an element " + locator + " is shown");
    }

    protected <T> T waitUntil(Function<WebDriver, T> condition, String what) {
        return waitUntil(condition, what, Duration.ofSeconds(20));
    }

    protected <T> T waitUntil(Function<WebDriver, T> condition, String what, Duration timeout) {
        WebDriverWait wait = new WebDriverWait(browser, timeout);
        wait.withMessage(() -> "waited " + timeout.toSeconds() + " s for: " + what);
        return wait.until(condition);
    }

    /** A console message at level SEVERE containing {@code text} is expected (e.g. a 401 the page shows). */
    protected void expectConsoleError(String text) {
        expectedConsoleErrors.add(text);
    }

    /** Every URL the page requested so far in this test (the check runs over these). */
    protected List<String> requestedUrls() {
        collectRequests();
        return List.copyOf(requestedUrls);
    }

    /** Saves the current page to target/console-screenshots/{name}-light.png and -dark.png. */
    protected void screenshots(String name) {
        try {
            Files.createDirectories(SCREENSHOTS);
            for (String scheme : List.of("light", "dark")) {
                setColorScheme(scheme);
                Thread.sleep(200); // let the styles of the other scheme apply before the capture
                Files.write(SCREENSHOTS.resolve(name + "-" + scheme + ".png"), browser.getScreenshotAs(OutputType.BYTES));
            }
            setColorScheme("light");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    protected static void setColorScheme(String scheme) {
        browser.executeCdpCommand("Emulation.setEmulatedMedia",
                Map.of("features", List.of(Map.of("name", "prefers-color-scheme", "value", scheme))));
    }

    /** Fails on a request to a non-loopback host or an unexpected console error so far. */
    protected void checkRequestsAndConsole() {
        collectRequests();
        List<String> foreign = requestedUrls.stream().filter(url -> !isLocal(url)).toList();
        assertThat(foreign).as("requests that left the machine (the console must load nothing from elsewhere)").isEmpty();
        List<String> errors = browser.manage().logs().get(LogType.BROWSER).getAll().stream()
                .filter(entry -> entry.getLevel().intValue() >= Level.SEVERE.intValue())
                .map(LogEntry::getMessage)
                .filter(message -> expectedConsoleErrors.stream().noneMatch(message::contains))
                .toList();
        assertThat(errors).as("errors in the browser console").isEmpty();
    }

    private void collectRequests() {
        for (LogEntry entry : browser.manage().logs().get(LogType.PERFORMANCE).getAll()) {
            JsonNode message = Json.parse(entry.getMessage()).path("message");
            if (message.path("method").asText().equals("Network.requestWillBeSent")) {
                requestedUrls.add(message.path("params").path("request").path("url").asText());
            }
        }
    }

    private static boolean isLocal(String url) {
        if (url.startsWith("data:") || url.startsWith("blob:") || url.startsWith("about:")) return true;
        String host = URI.create(url).getHost();
        return host != null && LOOPBACK.contains(host);
    }

    private static void drainLogs() {
        browser.manage().logs().get(LogType.PERFORMANCE);
        browser.manage().logs().get(LogType.BROWSER);
    }
}
