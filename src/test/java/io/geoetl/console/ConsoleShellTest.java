package io.geoetl.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;

class ConsoleShellTest extends ConsoleBrowser {

    @Test
    void theConsoleOpensOnTheJobsListWithItsNavigationAndLoadsNothingFromElsewhere() {
        open("");
        waitFor(By.cssSelector("section.page[data-page='jobs'] h1"));
        assertThat(browser.findElement(By.cssSelector("#nav a[aria-current='page']")).getText()).isEqualTo("Jobs");
        assertThat(requestedUrls()).anyMatch(url -> url.endsWith("/console/app.js")).anyMatch(url -> url.contains("/api/jobs"));
        screenshots("shell");
    }

    @Test
    void vendoredOpenLayersIsServedFromTheRouter() throws Exception {
        HttpResponse<String> ol = get("/console/vendor/ol/ol.js");
        assertThat(ol.statusCode()).isEqualTo(200);
        assertThat(ol.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("text/javascript"));
        assertThat(ol.headers().firstValue("Cache-Control")).hasValue("public, max-age=86400");
        assertThat(ol.body().length()).isGreaterThan(500_000);
        assertThat(get("/console/vendor/ol/LICENSE.md").body()).contains("BSD");
    }

    @Test
    void indexIsServedForTheFolderAndPathsOutsideTheFolderAreNotFound() throws Exception {
        HttpResponse<String> index = get("/console/");
        assertThat(index.statusCode()).isEqualTo(200);
        assertThat(index.headers().firstValue("Content-Type")).hasValue("text/html; charset=utf-8");
        assertThat(index.headers().firstValue("Cache-Control")).hasValue("no-cache");
        assertThat(index.body()).contains("<script type=\"module\" src=\"app.js\">");
        assertThat(get("/console").statusCode()).isEqualTo(301);
        assertThat(get("/console/missing.js").body()).contains("\"code\":\"not_found\"");
        for (String path : new String[] {"/console/../application.properties", "/console/%2e%2e/logback.xml", "/console/pages",
                "/console/..%2Fhttp/api-docs.html", "/console/missing.js", "/console/io/geoetl/console/ConsoleFiles.class"}) {
            HttpResponse<String> reply = get(path);
            assertThat(reply.statusCode()).as(path).isEqualTo(404);
        }
    }

    private static HttpResponse<String> get(String path) throws Exception {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        return http.send(HttpRequest.newBuilder(URI.create(router.baseUrl() + path)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }
}
