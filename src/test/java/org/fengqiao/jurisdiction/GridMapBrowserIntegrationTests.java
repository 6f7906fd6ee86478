package org.fengqiao.jurisdiction;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Browser;
import org.fengqiao.browser.BrowserTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The map in a real browser on a phone-sized screen with every outside address blocked (no tile
 * server, as on the development machine): officer signs in, his grids still draw, one opens the
 * grid's page, and the page's script fills the roster and who answers for the village.
 */
class GridMapBrowserIntegrationTests extends BrowserTest {

    @Autowired
    TestRestTemplate http;
    @Autowired
    JdbcClient jdbc;

    @Override
    protected Browser.NewContextOptions contextOptions() {
        return new Browser.NewContextOptions().setLocale("zh-CN").setViewportSize(390, 844);
    }

    @BeforeEach
    void blockEverythingButThePlatform() {
        context.route(url -> !url.startsWith("http://localhost:" + port), route -> route.abort());
    }

    @Test
    void officerSignsInSeesHisGridsOnTheMapWithoutATileServerAndOpensOneWithItsRoster() {
        long officersGrids = jdbc.sql("""
                SELECT count(*) FROM grid g JOIN unit u ON u.id = g.unit_id
                WHERE g.retired_at IS NULL
                  AND u.path LIKE (SELECT u2.path FROM staff s JOIN unit u2 ON u2.id = s.unit_id WHERE s.username = 'officer') || '%'""")
                .query(Long.class).single();
        long allGrids = jdbc.sql("SELECT count(*) FROM grid").query(Long.class).single();
        assertThat(officersGrids).isGreaterThanOrEqualTo(65).isLessThan(allGrids);

        login("officer");
        page.navigate(url("/map"));
        page.waitForSelector("#grid-map[data-grid-count]");
        assertThat(page.locator("#grid-map path.leaflet-interactive").count()).isEqualTo((int) officersGrids);
        assertThat(page.locator("#map-status").textContent()).contains(String.valueOf(officersGrids));

        String fs1 = new JurisdictionApi(http, jdbc).gridId("FS-1-01").toString();
        page.evaluate("id => window.location.href = document.getElementById('grid-map').dataset.gridUrl + id", fs1);
        page.waitForURL("**/grids/" + fs1);
        page.waitForSelector("#roster-current tr[data-term-id]");
        assertThat(page.locator("#roster-current").textContent()).contains("网格长").contains("李建国");
        assertThat(page.locator("#grid-minimap path.leaflet-interactive").count()).isEqualTo(1);
        com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat(
                page.locator("#community-officers [data-field=officer]")).hasText("李建国");
    }

    @Test
    void theMapsCreditsAndZoomButtonsSpeakChineseOnTheChinesePage() {
        login("officer");
        page.navigate(url("/map"));
        page.waitForSelector("#grid-map[data-grid-count]");
        assertThat(page.locator("#grid-map .leaflet-control-attribution").textContent())
                .isEqualTo("Leaflet 开源地图库 | © 高德地图");
        assertThat(page.locator("#grid-map .leaflet-control-attribution a").first().getAttribute("title")).isNull();
        assertThat(page.locator("#grid-map .leaflet-control-zoom-in").getAttribute("title")).isEqualTo("放大");
        assertThat(page.locator("#grid-map .leaflet-control-zoom-out").getAttribute("title")).isEqualTo("缩小");
    }

    @Test
    void theStationChiefNamesTheVillagesMembersOnTheGridPage() {
        String fs1 = new JurisdictionApi(http, jdbc).gridId("FS-1-01").toString();
        var before = jdbc.sql("""
                SELECT c.id, c.patrol_member_id, c.security_member_id FROM community c WHERE c.name = '吴场村'""")
                .query().singleRow();
        login("chief");
        page.navigate(url("/grids/" + fs1));
        page.waitForSelector("#officers-form:not([hidden])");
        try {
            // swap the two members and save: the page shows the new holders, the database has them
            String patrol = before.get("patrol_member_id").toString();
            String security = before.get("security_member_id").toString();
            page.selectOption("#officers-form select[name=patrolMemberId]", security);
            page.selectOption("#officers-form select[name=securityMemberId]", patrol);
            page.click("#officers-form button[type=submit]");
            com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat(
                    page.locator("#community-officers [data-field=patrolMember]")).hasText(
                    jdbc.sql("SELECT name FROM staff WHERE id = ?::uuid").param(security).query(String.class).single());
            assertThat(jdbc.sql("SELECT patrol_member_id::text FROM community WHERE name = '吴场村'").query(String.class)
                    .single()).isEqualTo(security);
        } finally {
            jdbc.sql("UPDATE community SET patrol_member_id = ?, security_member_id = ? WHERE id = ?")
                    .params(before.get("patrol_member_id"), before.get("security_member_id"), before.get("id")).update();
        }
    }
}
