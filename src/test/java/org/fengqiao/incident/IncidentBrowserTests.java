package org.fengqiao.incident;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Browser;
import java.time.LocalDate;
import java.util.Random;
import java.util.UUID;
import org.fengqiao.account.GridRole;
import org.fengqiao.account.Staff;
import org.fengqiao.account.StaffDirectory;
import org.fengqiao.account.StaffRole;
import org.fengqiao.browser.BrowserTest;
import org.fengqiao.incident.internal.IncidentDesk;
import org.fengqiao.incident.internal.Submitter;
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
 * On a phone: the officer files a help request for a grid of his central office; the routing names the
 * grid's manager, who signs in, takes it up, arrives and resolves it from the incident's page. A long unbroken
 * word in a description (a pasted link or code) wraps in the list instead of pushing the page sideways.
 */
class IncidentBrowserTests extends BrowserTest {

    @Autowired
    Jurisdictions jurisdictions;
    @Autowired
    StaffDirectory staff;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    IncidentDesk desk;

    @Override
    protected Browser.NewContextOptions contextOptions() {
        return phone();
    }

    /** A village of the office with one police grid, a 0.005° square at a random longitude on the given latitude. */
    Grid newGrid(Unit office, String villageCode, String villageName, String gridCode, String gridName, int lat) {
        Community village = jurisdictions.createCommunity(office.id(), CommunityKind.VILLAGE, villageCode, villageName,
                null, null, null);
        double lon = 100 + new Random().nextInt(400) / 100.0;
        String square = "{\"type\":\"Polygon\",\"coordinates\":[[[%s,%d],[%s,%d],[%s,%d.005],[%s,%d.005],[%s,%d]]]}"
                .formatted(lon, lat, lon + 0.005, lat, lon + 0.005, lat, lon, lat, lon, lat);
        return jurisdictions.createGrid(village.id(), GridNetwork.POLICE, gridCode, gridName, square, null, null, null);
    }


    @Test
    void theOfficerFilesAndTheGridManagerNamedByThePolicyHandlesItOnAPhone() {
        Unit office = jurisdictions.unitByCode("320722010100").orElseThrow();
        String n = String.valueOf(100000 + new Random().nextInt(899999));
        Grid grid = newGrid(office, "B-V-" + n, "浏览器村" + n, "IT-B-G-" + n, "浏览器网格" + n, 30);
        String username = "incmgr" + n;
        Staff manager = staff.register(office.id(), StaffRole.AUXILIARY_POLICE, "网格管理员" + n, null, null, "辅警",
                username, DEMO_PASSWORD);
        staff.assignGridRole(grid.id(), manager.id(), GridRole.MANAGER, LocalDate.of(2024, 1, 1), null);
        String description = "老人走失求助" + n;

        login("officer");
        page.navigate(url("/incidents"));
        page.click("#new-incident");
        page.selectOption("#category", "CASE");
        assertThat((Boolean) page.evaluate("() => document.getElementById('subtype').required"))
                .as("a case asks for its 性质 before the form is sent").isTrue();
        page.selectOption("#category", "HELP");
        assertThat((Boolean) page.evaluate("() => document.getElementById('subtype').required")).isFalse();
        page.fill("#description", description);
        page.selectOption("#gridId", grid.id().value().toString());
        page.fill("#address", "浏览器村东头");
        assertThat(fitsTheScreen()).as("the form fits a phone's width").isTrue();
        page.click("#submit-incident");
        page.waitForURL(u -> u.matches(".*/incidents/[0-9a-f-]{36}$"));
        assertThat(page.locator("#incident-owner")).hasText("网格管理员" + n);
        assertThat(page.locator("#incident-status")).hasText("待受理");
        assertThat(page.locator("#incident-routing")).containsText("网格管理员（辅警）");
        String incident = page.url().substring(page.url().lastIndexOf('/') + 1);

        context.clearCookies();
        login(username);
        // his own to-do list: the office's list holds every test's items
        page.navigate(url("/incidents?show=mine"));
        page.locator("a.incident-link").filter(new com.microsoft.playwright.Locator.FilterOptions().setHasText(description))
                .click();
        page.waitForURL(u -> u.endsWith(incident));
        page.click("#action-acknowledge");
        assertThat(page.locator("#incident-status")).hasText("已受理");
        page.click("#action-arrive");
        assertThat(page.locator("#incident-status")).hasText("已到场");
        page.fill("#resolve-note", "已在村东头找到老人并送回家中");
        page.click("#action-resolve");
        assertThat(page.locator("#incident-status")).hasText("已处置");
        assertThat(page.locator("#incident-timeline li")).hasCount(5);
        assertThat(page.locator("#incident-timeline")).containsText("已在村东头找到老人并送回家中");
        assertThat(fitsTheScreen()).as("the incident page fits a phone's width").isTrue();

        UUID staffId = manager.id().value();
        assertThat(jdbc.sql("SELECT acknowledged_by FROM incident WHERE id = ?").param(UUID.fromString(incident))
                .query(UUID.class).single()).isEqualTo(staffId);
        assertThat(jdbc.sql("SELECT status FROM incident WHERE id = ?").param(UUID.fromString(incident))
                .query(String.class).single()).isEqualTo("RESOLVED");
    }

    /**
     * On patrol the grid worker files where he stands: the form takes his phone's location with one tap, as the
     * resident's form does and as the form's own refusal of an address it cannot place tells him to, and the location
     * finds the grid.
     */
    @Test
    void onPatrolTheFormTakesThePhonesLocationAndItFindsTheGrid() {
        Unit office = jurisdictions.unitByCode("320722010100").orElseThrow();
        String n = String.valueOf(100000 + new Random().nextInt(899999));
        Community village = jurisdictions.createCommunity(office.id(), CommunityKind.VILLAGE, "B-L-" + n, "定位村" + n,
                null, null, null);
        double lon = 100 + new Random().nextInt(400) / 100.0;
        String square = "{\"type\":\"Polygon\",\"coordinates\":[[[%s,31],[%s,31],[%s,31.005],[%s,31.005],[%s,31]]]}"
                .formatted(lon, lon + 0.005, lon + 0.005, lon, lon);
        Grid grid = jurisdictions.createGrid(village.id(), GridNetwork.POLICE, "IT-B-L-" + n, "定位网格" + n, square, null,
                null, null);

        login("officer");
        page.navigate(url("/incidents/new"));
        page.selectOption("#category", "HELP");
        page.fill("#description", "巡逻发现老人摔倒" + n);
        context.grantPermissions(java.util.List.of("geolocation"));
        context.setGeolocation(new com.microsoft.playwright.options.Geolocation(31.0025, lon + 0.0025));
        page.click("#use-location");
        assertThat(page.locator("#lat")).hasValue("31.002500");
        assertThat(page.locator("#location-status")).containsText("已获取位置");
        assertThat(fitsTheScreen()).as("the form with its location button fits a phone's width").isTrue();
        page.click("#submit-incident");
        page.waitForURL(u -> u.matches(".*/incidents/[0-9a-f-]{36}$"));
        String incident = page.url().substring(page.url().lastIndexOf('/') + 1);
        assertThat(jdbc.sql("SELECT grid_id FROM incident WHERE id = ?").param(UUID.fromString(incident))
                .query(UUID.class).single()).as("the phone's location found the grid").isEqualTo(grid.id().value());
    }

    @Test
    void aLongUnbrokenWordInADescriptionWrapsInTheListInsteadOfWideningThePhonePage() {
        Unit office = jurisdictions.unitByCode("320722010100").orElseThrow();
        String n = String.valueOf(100000 + new Random().nextInt(899999));
        Grid grid = newGrid(office, "B-W-" + n, "换行村" + n, "IT-B-W-" + n, "换行网格" + n, 31);
        String username = "wrapmgr" + n;
        Staff manager = staff.register(office.id(), StaffRole.AUXILIARY_POLICE, "换行管理员" + n, null, null, "辅警",
                username, DEMO_PASSWORD);
        staff.assignGridRole(grid.id(), manager.id(), GridRole.MANAGER, LocalDate.of(2024, 1, 1), null);
        // the first 40 characters the list shows hold no place to break: a link's tail, a pasted token
        String link = "QWxhZGRpbjpvcGVuIHNlc2FtZQMWWmmWW".repeat(5).substring(0, 150);
        UUID id = desk.file(new NewIncident(Source.FIELD, Category.HELP, null, null, link + " 求助" + n, null, null, null,
                "换行村口", grid.id().value(), null, null, null, null), Submitter.system("test")).incident().id();

        login(username);
        page.navigate(url("/incidents?show=mine"));
        assertThat(page.locator("tr[data-id='" + id + "'] a.incident-link")).containsText("QWxhZGRpbjpvcGVu");
        assertThat(fitsTheScreen()).as("the list fits a phone's width with a 150-letter word in it").isTrue();
    }

    /**
     * What a thumb taps on the officer's incident pages is big enough on a phone: the list's 登记事项, 响应时效 and
     * 满意率 (drawn as plain 19-pixel text links before, their class named no style) and an incident's 显示完整号码
     * (a 24-pixel line before).
     */
    @Test
    void theListsButtonsAndTheRevealOfTheReportersPhoneAreThumbSizedOnAPhone() {
        Unit office = jurisdictions.unitByCode("320722010100").orElseThrow();
        String n = String.valueOf(100000 + new Random().nextInt(899999));
        Grid grid = newGrid(office, "B-T-" + n, "拇指村" + n, "IT-B-T-" + n, "拇指网格" + n, 32);
        UUID id = desk.file(new NewIncident(Source.RESIDENT, Category.HELP, null, null, "求助" + n, null, null, null,
                "拇指村口", grid.id().value(), "王先生", "13912345678", null, null), Submitter.system("test")).incident().id();

        login("officer");
        page.navigate(url("/incidents"));
        for (String link : new String[] {"#new-incident", "#response-times", "#satisfaction"}) {
            assertThat(page.locator(link).boundingBox().height).as(link + " is a button a thumb can tap")
                    .isGreaterThanOrEqualTo(32);
        }
        page.navigate(url("/incidents/" + id));
        assertThat(page.locator("#reveal-phone summary").boundingBox().height)
                .as("显示完整号码 is a target a thumb can tap").isGreaterThanOrEqualTo(32);
        page.click("#reveal-phone summary");
        assertThat(page.locator("#reveal-reason")).isVisible();
    }
}
