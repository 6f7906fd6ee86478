package org.fengqiao.jurisdiction;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.fengqiao.support.IntegrationTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The map in a real browser with every outside address blocked (no tile server, as on the
 * development machine): officer's grids still draw, a click opens the grid's page, and the page's
 * script fills the roster. The bearer token rides on every request, so the test needs no login page.
 */
class GridMapBrowserIntegrationTests extends IntegrationTest {

    @LocalServerPort
    int port;
    @Autowired
    TestRestTemplate http;
    @Autowired
    JdbcClient jdbc;

    Playwright playwright;
    Browser browser;
    BrowserContext context;

    @BeforeEach
    void openBrowser() {
        JurisdictionApi api = new JurisdictionApi(http, jdbc);
        playwright = Playwright.create(new Playwright.CreateOptions().setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
        browser = playwright.chromium().launch(new BrowserType.LaunchOptions().setHeadless(true)
                .setExecutablePath(Path.of("/usr/bin/chromium"))
                .setArgs(List.of("--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-quic",
                        "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync")));
        context = browser.newContext(new Browser.NewContextOptions()
                .setExtraHTTPHeaders(Map.of("Authorization", "Bearer " + api.token("officer")))
                .setLocale("zh-CN")
                .setViewportSize(390, 844));
        context.route(url -> !url.startsWith("http://localhost:" + port), route -> route.abort());
    }

    @AfterEach
    void closeBrowser() {
        context.close();
        browser.close();
        playwright.close();
    }

    @Test
    void officerSeesHisGridsOnTheMapWithoutATileServerAndOpensOneWithItsRoster() {
        long officersGrids = jdbc.sql("""
                SELECT count(*) FROM grid g JOIN unit u ON u.id = g.unit_id
                WHERE u.path LIKE (SELECT u2.path FROM staff s JOIN unit u2 ON u2.id = s.unit_id WHERE s.username = 'officer') || '%'""")
                .query(Long.class).single();
        Page page = context.newPage();
        page.navigate("http://localhost:" + port + "/map");
        page.waitForSelector("#grid-map[data-grid-count]");
        assertThat(page.locator("#grid-map path.leaflet-interactive").count()).isEqualTo((int) officersGrids);
        assertThat(page.locator("#map-status").textContent()).contains(String.valueOf(officersGrids));

        String fs1 = new JurisdictionApi(http, jdbc).gridId("FS-1-01").toString();
        page.evaluate("id => window.location.href = document.getElementById('grid-map').dataset.gridUrl + id", fs1);
        page.waitForURL("**/grids/" + fs1);
        page.waitForSelector("#roster-current tr[data-term-id]");
        assertThat(page.locator("#roster-current").textContent()).contains("网格长").contains("李建国");
        assertThat(page.locator("#grid-minimap path.leaflet-interactive").count()).isEqualTo(1);
    }
}
