package org.fengqiao.incident;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Browser;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import org.fengqiao.account.RosterDay;
import org.fengqiao.browser.BrowserTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The demo volunteer (陈红梅, grid member of 吴场's grids 1 and 11) reports what she saw on patrol from her phone: the
 * form offers her own two grids and no informant's clue, the report is filed in the grid she chose, she reads it at
 * once and finds it among the reports she filed; every page fits a 390 px screen.
 */
class VolunteerReportPhoneBrowserTests extends BrowserTest {

    @Autowired
    JdbcClient jdbc;

    @Override
    protected Browser.NewContextOptions contextOptions() {
        return phone();
    }

    @Test
    void theVolunteerReportsWhatSheSawInHerGridFromHerPhoneAndFollowsIt() {
        String n = String.valueOf(100000 + new Random().nextInt(899999));
        List<UUID> hers = jdbc.sql("""
                SELECT DISTINCT r.grid_id FROM grid_role r JOIN staff s ON s.id = r.staff_id
                WHERE s.username = 'volunteer' AND""" + " " + RosterDay.coversToday("r"))
                .query(UUID.class).list();
        assertThat(hers).as("the demo's volunteer serves two grids").hasSize(2);

        login("volunteer");
        page.navigate(url("/incidents/new"));
        assertThat(page.locator("select#source")).hasCount(0);
        assertThat(page.locator("#gridId option:not([value=''])")).hasCount(2);
        assertThat(fitsTheScreen()).as("the form fits the phone").isTrue();
        page.selectOption("#category", "DISPUTE");
        page.fill("#description", "两户村民因宅基地围墙争吵，已劝开" + n);
        page.selectOption("#gridId", hers.get(0).toString());
        page.fill("#address", "村东头第三户门口");
        page.click("#submit-incident");
        page.waitForURL(u -> u.matches(".*/incidents/[0-9a-f-]{36}$"));
        UUID id = UUID.fromString(page.url().substring(page.url().lastIndexOf('/') + 1));
        assertThat(jdbc.sql("SELECT grid_id FROM incident WHERE id = ?").param(id).query(UUID.class).single())
                .isEqualTo(hers.get(0));
        assertThat(page.locator("main")).containsText("两户村民因宅基地围墙争吵，已劝开" + n);
        assertThat(fitsTheScreen()).as("the report's page fits the phone").isTrue();

        page.navigate(url("/incidents?show=filed"));
        assertThat(page.locator("main")).containsText("两户村民因宅基地围墙争吵，已劝开" + n);
        assertThat(fitsTheScreen()).as("her reports fit the phone").isTrue();
    }

    /**
     * On her phone the volunteer's list starts with her items, not with its filters: they fold under one line, which
     * opens at a tap; once she filters, the line says how many are set, folded again over the list it found, with the
     * way to clear them beside the count.
     */
    @Test
    void theVolunteersListFoldsItsFiltersSoHerItemsStartOnThePhonesFirstScreen() {
        String n = String.valueOf(100000 + new Random().nextInt(899999));
        UUID grid = jdbc.sql("""
                SELECT r.grid_id FROM grid_role r JOIN staff s ON s.id = r.staff_id
                WHERE s.username = 'volunteer' AND""" + " " + RosterDay.coversToday("r") + " ORDER BY r.grid_id LIMIT 1")
                .query(UUID.class).single();
        org.fengqiao.jurisdiction.Grid hers = jurisdictions.grid(new org.fengqiao.jurisdiction.GridId(grid)).orElseThrow();
        // an open item in her grid, owned by the nearest officer above it, so that her list has one to show
        java.util.Map<String, Object> officer = jdbc.sql("""
                SELECT s.id, s.unit_id FROM staff s JOIN unit u ON u.id = s.unit_id
                WHERE :path LIKE u.path || '%' AND s.active AND s.role IN ('COMMUNITY_OFFICER', 'STATION_CHIEF')
                ORDER BY length(u.path) DESC, s.created_at LIMIT 1""").param("path", hers.unitPath()).query()
                .singleRow();
        UUID item = new org.fengqiao.support.TreeFixtures(jurisdictions, jdbc).openIncident(hers,
                jurisdictions.unit(new org.fengqiao.jurisdiction.UnitId((UUID) officer.get("unit_id"))).orElseThrow(),
                (UUID) officer.get("id"), "RECEIVED");

        login("volunteer");
        page.navigate(url("/incidents"));
        assertThat(page.locator("#list-filters-summary")).isVisible();
        assertThat(page.locator("#list-filters-summary")).hasText("筛选条件");
        assertThat(page.locator("#filter-category")).isHidden();
        com.microsoft.playwright.Locator first = page.locator("table.list tbody tr a.incident-link").first();
        assertThat(first).isVisible();
        onTheFirstScreen(first, "her first item, before any filter");
        assertThat(page.locator("tr[data-id='" + item + "']")).hasCount(1);

        page.locator("#list-filters-summary").tap();
        assertThat(page.locator("#filter-category")).isVisible();
        page.selectOption("#filter-category", "HELP");
        page.click("#filter-show");
        page.waitForURL(u -> u.contains("category=HELP"));
        assertThat(page.locator("#list-filters-summary")).hasText("筛选条件（已选 1 项）");
        assertThat(page.locator("#filter-category")).isHidden();
        assertThat(page.locator("#filter-category")).hasValue("HELP");
        assertThat(page.locator("#clear-case-filters")).isVisible();
        assertThat(page.locator("tr[data-id='" + item + "']")).hasCount(1);
        onTheFirstScreen(page.locator("table.list tbody tr a.incident-link").first(), "her first help call, filtered");
        assertThat(fitsTheScreen()).as("the list fits the phone").isTrue();

        // where there is room, as on a desk, the filters stand open
        page.setViewportSize(1280, 800);
        page.reload();
        assertThat(page.locator("#filter-category")).isVisible();
        assertThat(page.locator("#filter-category")).hasValue("HELP");
    }

    @Autowired
    org.fengqiao.jurisdiction.Jurisdictions jurisdictions;

    /** The element stands whole within the phone's first screen (844 px), the page not scrolled. */
    void onTheFirstScreen(com.microsoft.playwright.Locator element, String what) {
        assertThat(((Number) page.evaluate("() => window.scrollY")).doubleValue()).isZero();
        com.microsoft.playwright.options.BoundingBox box = element.boundingBox();
        assertThat(box.y + box.height).as(what + " ends within the first screen").isLessThanOrEqualTo(844);
    }
}
