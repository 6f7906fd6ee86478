package org.fengqiao.incident;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.options.FilePayload;
import java.time.LocalDate;
import java.util.Random;
import java.util.UUID;
import org.fengqiao.account.GridRole;
import org.fengqiao.account.Staff;
import org.fengqiao.account.StaffDirectory;
import org.fengqiao.account.StaffRole;
import org.fengqiao.browser.BrowserTest;
import org.fengqiao.jurisdiction.Community;
import org.fengqiao.jurisdiction.CommunityKind;
import org.fengqiao.jurisdiction.Grid;
import org.fengqiao.jurisdiction.GridNetwork;
import org.fengqiao.jurisdiction.Jurisdictions;
import org.fengqiao.jurisdiction.Unit;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Issue 4's "done means", on phones: a resident files a report with a photo from the public page without an
 * account and gets a tracking code; the grid manager named by the routing takes it through to answered; the
 * resident sees the answer on the tracking page and rates it 5 with a comment; the manager sees the rating.
 */
class ResidentBrowserTests extends BrowserTest {

    @Autowired
    Jurisdictions jurisdictions;
    @Autowired
    StaffDirectory staff;
    @Autowired
    JdbcClient jdbc;

    @Override
    protected Browser.NewContextOptions contextOptions() {
        return phone();
    }


    /** A grid of its own in a new village of 房山中心警务室, with a grid manager who signs in as {@code username}. */
    record TestGrid(Grid grid, double lon, String n, String username) {
    }

    TestGrid grid() {
        Unit office = jurisdictions.unitByCode("320722010100").orElseThrow();
        String n = String.valueOf(100000 + new Random().nextInt(899999));
        Community village = jurisdictions.createCommunity(office.id(), CommunityKind.VILLAGE, "R-V-" + n, "群众村" + n,
                null, null, null);
        double lon = 105 + new Random().nextInt(400) / 100.0;
        String square = "{\"type\":\"Polygon\",\"coordinates\":[[[%s,25],[%s,25],[%s,25.005],[%s,25.005],[%s,25]]]}"
                .formatted(lon, lon + 0.005, lon + 0.005, lon, lon);
        Grid grid = jurisdictions.createGrid(village.id(), GridNetwork.POLICE, "IT-RB-G-" + n, "群众网格" + n, square, null,
                null, null);
        String username = "resbmgr" + n;
        Staff manager = staff.register(office.id(), StaffRole.AUXILIARY_POLICE, "网格管理员乙" + n, null, null, "辅警",
                username, DEMO_PASSWORD);
        staff.assignGridRole(grid.id(), manager.id(), GridRole.MANAGER, LocalDate.of(2024, 1, 1), null);
        return new TestGrid(grid, lon, n, username);
    }

    @Test
    void aResidentReportsFromThePublicPageTheGridManagerAnswersAndTheResidentsRatingArrives() {
        TestGrid g = grid();
        Grid grid = g.grid();
        double lon = g.lon();
        String n = g.n();
        String username = g.username();
        String description = "楼道里有人摔倒，需要帮助" + n;

        // the resident, no account
        page.navigate(url("/report"));
        assertThat(page.locator("h1")).hasText("群众报事");
        page.selectOption("#category", "HELP");
        page.fill("#description", description);
        page.fill("#address", "群众村3号楼");
        context.grantPermissions(java.util.List.of("geolocation"));
        context.setGeolocation(new com.microsoft.playwright.options.Geolocation(25.0025, lon + 0.0025));
        page.click("#use-location");
        assertThat(page.locator("#lat")).hasValue("25.002500");
        assertThat(page.locator("#location-status")).containsText("已获取位置");
        page.selectOption("#gridId", grid.id().value().toString());
        page.fill("#reporterPhone", "13912345678");
        page.setInputFiles("#photos", new FilePayload("IMG_2041.jpg", "image/jpeg", TestPhotos.jpegWithGps(25.001, lon)));
        assertThat(fitsTheScreen()).as("the report form fits a phone's width").isTrue();
        page.click("#submit-report");
        page.waitForURL(u -> u.matches(".*/track/FQ[0-9A-Z]{10}$"));
        String code = page.locator("#tracking-code").textContent().trim();
        assertThat(code).matches("FQ[0-9A-Z]{10}");
        assertThat(page.locator("#tracking-link")).containsText("/track/" + code);
        assertThat(page.locator("#track-phone")).hasText("139****5678");
        assertThat(page.locator("#track-photos img")).hasCount(1);
        assertThat(fitsTheScreen()).as("the tracking page fits a phone's width").isTrue();
        UUID id = jdbc.sql("SELECT id FROM incident WHERE tracking_code = ?").param(code).query(UUID.class).single();
        assertThat(jdbc.sql("SELECT lat FROM incident WHERE id = ?").param(id).query(Double.class).single())
                .as("the browser's position came with the report").isEqualTo(25.0025);

        // the grid manager named by the routing, on his phone
        context.clearCookies();
        login(username);
        // his own to-do list: the office's list holds every test's items
        page.navigate(url("/incidents?show=mine"));
        page.locator("a.incident-link").filter(new Locator.FilterOptions().setHasText(description)).click();
        page.waitForURL(u -> u.endsWith(id.toString()));
        assertThat(page.locator("#incident-owner")).hasText("网格管理员乙" + n);
        assertThat(page.locator("#incident-photos img")).hasCount(1);
        // the image is counted as soon as its element is there; its width once it has loaded (or failed to)
        page.waitForFunction("() => document.querySelector('#incident-photos img').complete");
        assertThat((Boolean) page.evaluate("() => document.querySelector('#incident-photos img').naturalWidth > 0"))
                .as("the photo shows").isTrue();
        page.click("#action-acknowledge");
        assertThat(page.locator("#incident-status")).hasText("已受理");
        page.click("#action-arrive");
        assertThat(page.locator("#incident-status")).hasText("已到场");
        page.fill("#resolve-note", "已扶起老人并联系家属");
        page.click("#action-resolve");
        assertThat(page.locator("#incident-status")).hasText("已处置");
        page.fill("#answer-note", "老人已由家属接回，谢谢您的帮助");
        page.click("#action-answer");
        assertThat(page.locator("#incident-status")).hasText("已回复办结");
        assertThat(fitsTheScreen()).as("the incident page fits a phone's width").isTrue();

        // the resident again, with the tracking code
        context.clearCookies();
        page.navigate(url("/track/" + code));
        assertThat(page.locator("#track-answer")).hasText("老人已由家属接回，谢谢您的帮助");
        assertThat(page.locator("#track-timeline")).containsText("答复了您");
        assertThat(page.locator("#track-timeline")).not().containsText("网格管理员乙" + n);
        page.check("#score-5");
        page.fill("#rate-comment", "处理得很快，非常满意");
        page.click("#submit-rating");
        assertThat(page.locator(".notice")).hasText("感谢您的评价");
        assertThat(page.locator("#track-rating")).containsText("处理得很快，非常满意");
        assertThat(fitsTheScreen()).isTrue();

        // the rating arrives on the manager's page
        context.clearCookies();
        login(username);
        page.navigate(url("/incidents/" + id));
        assertThat(page.locator("#incident-rating")).containsText("5/5");
        assertThat(page.locator("#incident-rating")).containsText("处理得很快，非常满意");
        assertThat(page.locator("#incident-timeline li[data-kind=RATED]")).hasCount(1);
    }

    /**
     * What a resident adds reaches his grid manager's inbox in his own words, and the manager, who reads English,
     * sees on the report's timeline that the resident (not a person's name in Chinese) added it.
     */
    @Test
    void theGridManagerReadsWhatTheResidentAddedInHisInboxAndWhoAddedItInEnglish() {
        TestGrid g = grid();
        page.navigate(url("/report"));
        page.selectOption("#category", "HELP");
        page.fill("#description", "孩子放学没有回家" + g.n());
        page.selectOption("#gridId", g.grid().id().value().toString());
        page.click("#submit-report");
        page.waitForURL(u -> u.matches(".*/track/FQ[0-9A-Z]{10}$"));
        String code = page.locator("#tracking-code").textContent().trim();
        page.fill("#information", "孩子穿红色校服，\n背黄色书包");
        page.click("#submit-information");
        assertThat(page.locator(".notice")).hasText("已收到您补充的情况");

        context.clearCookies();
        login(g.username());
        page.navigate(url("/inbox?lang=en"));
        Locator entry = page.locator(".entry").filter(new Locator.FilterOptions()
                .setHasText("The resident added information to item " + code));
        assertThat(entry).hasCount(1);
        assertThat(entry.locator(".meta").first()).hasText("孩子穿红色校服， 背黄色书包");
        entry.locator("button.open").click();
        page.waitForURL(u -> u.matches(".*/incidents/[0-9a-f-]{36}$"));
        Locator added = page.locator("#incident-timeline li[data-kind=INFORMATION_ADDED]");
        assertThat(added).containsText("Resident");
        assertThat(added).containsText("背黄色书包");
        assertThat(page.locator("#incident-timeline")).not().containsText("群众");
        assertThat(fitsTheScreen()).isTrue();
    }
}
