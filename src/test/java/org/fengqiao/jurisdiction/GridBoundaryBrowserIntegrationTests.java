package org.fengqiao.jurisdiction;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.microsoft.playwright.Response;
import com.microsoft.playwright.options.BoundingBox;
import com.microsoft.playwright.options.FilePayload;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.fengqiao.browser.BrowserTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Grids drawn and imported in Chromium with every outside address blocked (no tile server): the chief opens a grid
 * from the map, redraws its boundary by clicking on the map, checks, saves and sees the new shape on the map; and he
 * checks and imports a small GeoJSON file on the import page.
 */
class GridBoundaryBrowserIntegrationTests extends BrowserTest {

    static final String VILLAGE = "T-BROWSER-VILLAGE";
    static final ObjectMapper JSON = new ObjectMapper();

    @Autowired
    TestRestTemplate http;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    Jurisdictions jurisdictions;

    @BeforeEach
    void setUp() {
        context.route(url -> !url.startsWith("http://localhost:" + port), route -> route.abort());
        if (jurisdictions.communityByCode(VILLAGE).isEmpty()) {
            Unit office = jurisdictions.unitByCode("320722010100").orElseThrow();
            Community village = jurisdictions.createCommunity(office.id(), CommunityKind.VILLAGE, VILLAGE, "浏览器画界村",
                    null, null, null);
            jurisdictions.createGrid(village.id(), GridNetwork.POLICE, "IT-BD-EDIT", "画界编辑网格",
                    GridImportPolicyTests.square(118.90, 34.40, 0.01), null, null, null);
            jurisdictions.createGrid(village.id(), GridNetwork.POLICE, "IT-BD-NEXT", "画界邻近网格",
                    GridImportPolicyTests.square(118.91, 34.40, 0.01), null, null, null);
        }
    }

    UUID gridId(String code) {
        return new JurisdictionApi(http, jdbc).gridId(code);
    }

    JsonNode boundary(String code) throws Exception {
        return JSON.readTree(jdbc.sql("SELECT boundary::text FROM grid WHERE network = 'POLICE' AND code = ?")
                .param(code).query(String.class).single());
    }

    long version(String code) {
        return jdbc.sql("SELECT version FROM grid WHERE network = 'POLICE' AND code = ?").param(code)
                .query(Long.class).single();
    }

    void clickMap(BoundingBox box, double dx, double dy) {
        page.mouse().click(box.x + box.width / 2 + dx, box.y + box.height / 2 + dy);
    }

    @Test
    void theChiefRedrawsAGridByClickingOnTheMapChecksSavesAndSeesTheNewShapeOnTheMap() throws Exception {
        String id = gridId("IT-BD-EDIT").toString();
        // an address filed in the neighbour whose point lies in the middle of this grid, inside the new shape too
        java.util.Map<String, Object> address = new java.util.HashMap<>(java.util.Map.of("countyCode", "320722",
                "townshipCode", "320722112000", "community", "吴场村", "street", "画界路", "doorNumber", "1",
                "gridId", gridId("IT-BD-NEXT").toString(), "lon", 118.905, "lat", 34.405));
        assertThat(new JurisdictionApi(http, jdbc).call("chief", org.springframework.http.HttpMethod.POST,
                "/api/v1/addresses", address, null).status()).isEqualTo(201);
        login("chief");
        // the grid's page opens the map on it (the map of every grid the chief sees may draw it a pixel wide)
        page.navigate(url("/grids/" + id));
        page.locator("#grid-on-map-link").click();
        page.waitForSelector("#grid-map[data-focused='" + id + "']");
        // a manager's click on a grid offers its page and the boundary editor
        page.locator("#grid-map path.grid-" + id).click();
        page.locator(".leaflet-popup a.grid-boundary-link").click();
        page.waitForURL("**/grids/" + id + "/boundary");
        assertThat(page.locator("#boundary-records")).containsText("IT-BD-EDIT");
        assertThat(page.locator("#boundary-map")).hasAttribute("data-vertices", "4");
        assertThat(page.locator("#boundary-map .boundary-label", new com.microsoft.playwright.Page.LocatorOptions()
                .setHasText("IT-BD-NEXT"))).hasCount(1);

        page.click("#boundary-clear");
        assertThat(page.locator("#boundary-map")).hasAttribute("data-vertices", "0");
        BoundingBox box = page.locator("#boundary-map").boundingBox();
        double[][] pentagon = {{0, -100}, {100, -30}, {60, 90}, {-60, 90}, {-100, -30}};
        for (double[] p : pentagon) {
            clickMap(box, p[0], p[1]);
        }
        assertThat(page.locator("#boundary-map")).hasAttribute("data-vertices", "5");
        // a click on a vertex removes it, undo brings it back
        page.locator("#boundary-map .boundary-vertex").last().click();
        assertThat(page.locator("#boundary-map")).hasAttribute("data-vertices", "4");
        page.click("#boundary-undo");
        assertThat(page.locator("#boundary-map")).hasAttribute("data-vertices", "5");
        // the top vertex dragged 20 px down
        page.mouse().move(box.x + box.width / 2, box.y + box.height / 2 - 100);
        page.mouse().down();
        page.mouse().move(box.x + box.width / 2, box.y + box.height / 2 - 90);
        page.mouse().move(box.x + box.width / 2, box.y + box.height / 2 - 80);
        page.mouse().up();
        assertThat(page.locator("#boundary-map")).hasAttribute("data-vertices", "5");

        page.click("#boundary-check");
        assertThat(page.locator("#boundary-status")).containsText("可以保存");
        assertThat(page.locator("#boundary-status")).containsText("迁移到其他网格的记录 0 条");
        assertThat(version("IT-BD-EDIT")).as("a check saves nothing").isZero();

        page.click("#boundary-save");
        assertThat(page.locator("#boundary-status")).containsText("边界已保存（第 1 版）");
        // the save is followed by the count of addresses lying in another grid than their own, linked to their check
        assertThat(page.locator("#boundary-misplaced a")).hasText("1 条地址位于其他网格 — 核对");
        JsonNode saved = boundary("IT-BD-EDIT");
        JsonNode ring = saved.get("coordinates").get(0);
        assertThat(ring).hasSize(6);
        // the dragged top vertex lies lower than the right and left ones do above the bottom ones by 120 px of 190
        double top = ring.get(0).get(1).asDouble();
        double bottom = ring.get(2).get(1).asDouble();
        double side = ring.get(1).get(1).asDouble();
        assertThat((top - bottom) / (side - bottom)).isBetween(170.0 / 120 - 0.05, 170.0 / 120 + 0.05);
        assertThat(jdbc.sql("""
                SELECT count(*) FROM audit_entry WHERE record_type = 'grid' AND record_id = ? AND action = 'UPDATE'
                AND actor = 'chief'""").param(id).query(Long.class).single()).isEqualTo(1);

        Response export = page.waitForResponse(r -> r.url().contains("/api/v1/grids/export"),
                () -> page.click("#boundary-map-link"));
        page.waitForSelector("#grid-map[data-grid-count]");
        assertThat(page.locator("#grid-map path.grid-" + id)).hasCount(1);
        JsonNode drawn = null;
        for (JsonNode f : JSON.readTree(export.text()).get("features")) {
            if (f.get("id").asText().equals(id)) {
                drawn = f.get("geometry");
            }
        }
        assertThat(drawn).isEqualTo(saved);
    }

    @Test
    void theEditorPagesAnswerNotFoundOutsideTheChiefsJurisdictionAndForbiddenWithoutTheRightToManage() {
        login("chief");
        assertThat(page.navigate(url("/grids/" + gridId("NS-1-01") + "/boundary")).status()).isEqualTo(404);
        UUID urban = new JurisdictionApi(http, jdbc).communityId("320722001001");
        assertThat(page.navigate(url("/communities/" + urban + "/grids/new")).status()).isEqualTo(404);
        UUID own = new JurisdictionApi(http, jdbc).communityId(VILLAGE);
        page.navigate(url("/units"));
        page.click("a.new-grid-link[href$='/communities/" + own + "/grids/new']");
        assertThat(page.locator("#new-grid-form")).isVisible();
        context.clearCookies();
        login("officer");
        assertThat(page.navigate(url("/grids/" + gridId("IT-BD-NEXT") + "/boundary")).status()).isEqualTo(403);
        page.navigate(url("/grids/" + gridId("IT-BD-NEXT")));
        assertThat(page.locator("#grid-boundary-link")).hasCount(0);
    }

    @Test
    void theChiefChecksASmallFileOnTheImportPageThenImportsItAndFindsTheGridOnTheMap() throws Exception {
        String code = "IT-BD-IMPORT";
        byte[] file = ("{\"type\":\"FeatureCollection\",\"features\":["
                + GridImportPolicyTests.feature(code, VILLAGE, GridImportPolicyTests.square(118.92, 34.40, 0.01))
                + "]}")
                .getBytes(StandardCharsets.UTF_8);
        login("chief");
        page.navigate(url("/map"));
        page.click("#grid-import-link");
        page.waitForURL("**/grids/import");

        page.setInputFiles("#grid-file", new FilePayload("grids.geojson", "application/geo+json", file));
        page.click("#grid-import-form button[value=check]");
        assertThat(page.locator("#import-outcome")).containsText(code);
        assertThat(page.locator("#import-outcome")).containsText("新建");
        assertThat(page.locator("#import-outcome")).containsText("尚未保存");
        assertThat(jdbc.sql("SELECT count(*) FROM grid WHERE code = ?").param(code).query(Long.class).single())
                .isZero();

        page.setInputFiles("#grid-file", new FilePayload("grids.geojson", "application/geo+json", file));
        page.click("#grid-import-form button[value=import]");
        assertThat(page.locator("#import-outcome a", new com.microsoft.playwright.Page.LocatorOptions()
                .setHasText(code))).hasCount(1);
        String id = gridId(code).toString();
        page.click("#import-map-link");
        page.waitForSelector("#grid-map[data-grid-count]");
        assertThat(page.locator("#grid-map path.grid-" + id)).hasCount(1);
    }
}
