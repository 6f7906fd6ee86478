package org.fengqiao.browser;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.Map;
import org.fengqiao.support.IntegrationTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.TestInstance;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Base of the browser tests: Debian's Chromium driven by Playwright against the application on its
 * random port. One browser for the whole run (starting Chromium is the slow part), a fresh context
 * per test so cookies and sessions never leak from one test into the next.
 *
 * <pre>
 * class MapBrowserTests extends BrowserTest {
 *     &#64;Test void officerSeesHisGrids() { login("officer"); page.navigate(url("/map")); ... }
 * }
 * </pre>
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class BrowserTest extends IntegrationTest {

    public static final Path CHROMIUM = Paths.get(System.getenv().getOrDefault("FENGQIAO_CHROMIUM", "/usr/bin/chromium"));
    private static final List<String> FLAGS = List.of("--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
            "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
            "--disable-sync");

    @LocalServerPort
    protected int port;

    protected Playwright playwright;
    protected Browser browser;
    protected BrowserContext context;
    protected Page page;

    /**
     * The suite's one Chromium, launched by the first browser test class and kept for the rest of the run: starting
     * Playwright's driver and Chromium took about a second and a half per class, some forty classes. Nothing a test
     * does outlives its own context (cookies, storage, cache, permissions and geolocation are the context's), and a
     * browser that crashed or was closed is launched again for the next class.
     */
    private static Playwright sharedPlaywright;
    private static Browser sharedBrowser;

    @BeforeAll
    void launchBrowser() {
        browser = sharedBrowser();
        playwright = sharedPlaywright;
    }

    private static synchronized Browser sharedBrowser() {
        if (sharedBrowser != null && sharedBrowser.isConnected()) {
            return sharedBrowser;
        }
        if (!Files.isExecutable(CHROMIUM)) {
            throw new IllegalStateException(CHROMIUM + " is missing: apt-get install -y chromium");
        }
        closeSharedBrowser();
        sharedPlaywright = Playwright.create(new Playwright.CreateOptions()
                .setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
        sharedBrowser = sharedPlaywright.chromium().launch(new BrowserType.LaunchOptions()
                .setExecutablePath(CHROMIUM).setHeadless(true).setArgs(FLAGS));
        if (!closesAtExit) {
            closesAtExit = true;
            Runtime.getRuntime().addShutdownHook(new Thread(BrowserTest::closeSharedBrowser, "close-chromium"));
        }
        return sharedBrowser;
    }

    private static boolean closesAtExit;

    private static synchronized void closeSharedBrowser() {
        try {
            if (sharedBrowser != null) {
                sharedBrowser.close();
            }
            if (sharedPlaywright != null) {
                sharedPlaywright.close();
            }
        } catch (RuntimeException e) {
            // a browser that died or a driver already gone has nothing left to close
        } finally {
            sharedBrowser = null;
            sharedPlaywright = null;
        }
    }

    /** What a class left open in the shared browser goes with the class: each test's context is closed after it. */
    @AfterAll
    void closeBrowser() {
        for (BrowserContext left : browser.contexts()) {
            left.close();
        }
    }

    @BeforeEach
    void openPage() {
        context = browser.newContext(contextOptions());
        context.setDefaultTimeout(15_000);
        page = context.newPage();
    }

    @AfterEach
    void closePage() {
        if (context != null) {
            context.close();
        }
    }

    /** Override for a phone-sized viewport or another locale; the default is a desktop in Chinese. */
    protected Browser.NewContextOptions contextOptions() {
        return new Browser.NewContextOptions().setLocale("zh-CN").setViewportSize(1280, 800);
    }

    /** A phone-sized touch screen in Chinese (390 x 844), the size the phone pages are checked at. */
    protected static Browser.NewContextOptions phone() {
        return new Browser.NewContextOptions().setLocale("zh-CN").setViewportSize(390, 844).setIsMobile(true)
                .setHasTouch(true);
    }

    /**
     * Whether the page fits the screen's width, with nothing to scroll sideways, as a phone page must. Measured
     * against the layout viewport (the root's clientWidth, the device's width on a phone): a mobile browser zooms
     * out to show content wider than the screen, and window.innerWidth then grows with the content, so it would
     * call any page fitting.
     */
    protected boolean fitsTheScreen() {
        return (Boolean) page.evaluate(
                "() => document.documentElement.scrollWidth <= document.documentElement.clientWidth + 1");
    }

    /**
     * Follows the navigation bar's link to the page whose path ends with {@code path}, as a user does: opens the
     * menu that holds it (one click on its heading), then the link. Fails if the signed-in user has no such link.
     */
    protected void navigateByMenu(String path) {
        Locator link = page.locator("nav a[href$='" + path + "']");
        Locator menu = page.locator("nav details.menu")
                .filter(new Locator.FilterOptions().setHas(page.locator("a[href$='" + path + "']")));
        if (menu.count() > 0 && menu.first().getAttribute("open") == null) {
            menu.first().locator("summary").click();
        }
        link.click();
    }

    protected String url(String path) {
        return "http://localhost:" + port + path;
    }

    /** Signs in through the login page with the demo password and waits for the start page. */
    protected void login(String username) {
        login(username, DEMO_PASSWORD);
    }

    protected void login(String username, String password) {
        page.navigate(url("/login"));
        page.fill("#username", username);
        page.fill("#password", password);
        page.click("form[action$='/login'] button[type=submit]");
        page.waitForURL(u -> !u.contains("/login"));
    }
}
