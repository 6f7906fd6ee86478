package org.fengqiao.jurisdiction;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import org.fengqiao.account.ApiClient;
import org.fengqiao.incident.SatisfactionPageIntegrationTests;
import org.fengqiao.support.IntegrationTest;
import org.fengqiao.support.Race;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * The jurisdiction kept on its pages (社区有室、小区有站、网格有点, seed 003): on a grid's page the station chief places
 * the grid under a unit at or under its community's unit, or sets up the grid's own work point with one button; on
 * the tree page he adds a unit under one of his. Those who may not manage the jurisdiction see no form and are
 * refused; a grid of another station is not found; bad input is said in the reader's language and changes nothing.
 * The fixture is this test's own: a workstation under the demo's rural central office, a village under it with one
 * grid, a work point under the workstation and a stray work point under the office, outside the village's unit.
 */
class JurisdictionFormsIntegrationTests extends IntegrationTest {

    @LocalServerPort
    int port;
    @Autowired
    Jurisdictions jurisdictions;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    PlatformTransactionManager transactions;

    String n;
    Unit office;
    Unit workstation;
    Unit workPoint;
    Unit stray;
    Grid grid;

    @BeforeEach
    void setUp() {
        n = String.valueOf(100000 + new Random().nextInt(899999));
        office = jurisdictions.unitByCode("320722010100").orElseThrow();
        workstation = jurisdictions.createUnit(office.id(), UnitKind.WORKSTATION, "T-FWS-" + n, "表单工作站" + n, null);
        workPoint = jurisdictions.createUnit(workstation.id(), UnitKind.WORK_POINT, "T-FWP-" + n, "表单工作点" + n, null);
        stray = jurisdictions.createUnit(office.id(), UnitKind.WORK_POINT, "T-FWX-" + n, "别处表单工作点" + n, null);
        grid = SatisfactionPageIntegrationTests.testGrid(jurisdictions, workstation, "IT-FG-" + n, "表单", 110);
    }

    ApiClient signedIn(String username) {
        return new ApiClient(port).signedIn(username, DEMO_PASSWORD, null);
    }

    /** A demo police grid by its code: the tests below only read it, or make sure it has not moved. */
    UUID demoGrid(String code) {
        return jdbc.sql("SELECT id FROM grid WHERE network = 'POLICE' AND code = ?").param(code).query(UUID.class)
                .single();
    }

    String gridPage() {
        return "/grids/" + grid.id().value();
    }

    HttpResponse<String> place(ApiClient c, UUID gridId, Object unitId, String language) {
        Map<String, String> form = new LinkedHashMap<>();
        if (unitId != null) {
            form.put("unitId", unitId.toString());
        }
        form.put("_csrf", c.csrfFrom("/units"));
        return c.form("/grids/" + gridId + "/unit" + (language == null ? "" : "?lang=" + language), form);
    }

    HttpResponse<String> setUpWorkPoint(ApiClient c, UUID gridId) {
        return c.form("/grids/" + gridId + "/work-point", Map.of("_csrf", c.csrfFrom("/units")));
    }

    HttpResponse<String> addUnit(ApiClient c, Object parentId, String kind, String code, String name, String language) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("parentId", parentId.toString());
        form.put("kind", kind);
        form.put("code", code);
        form.put("name", name);
        form.put("_csrf", c.csrfFrom("/units"));
        return c.form("/units" + (language == null ? "" : "?lang=" + language), form);
    }

    UUID unitOf(Grid g) {
        return unitOf(g.id().value());
    }

    UUID unitOf(UUID gridId) {
        return jurisdictions.grid(new GridId(gridId)).orElseThrow().unitId().value();
    }

    long audited(String recordType, Object recordId, String action, String actor) {
        return jdbc.sql("""
                SELECT count(*) FROM audit_entry WHERE record_type = ? AND record_id = ? AND action = ? AND actor = ?""")
                .params(recordType, recordId.toString(), action, actor).query(Long.class).single();
    }

    long units() {
        return jdbc.sql("SELECT count(*) FROM unit").query(Long.class).single();
    }

    @Test
    void theChiefPlacesAGridOfHisStationUnderAWorkPointOnItsPageAudited() {
        ApiClient chief = signedIn("chief");
        String page = chief.get(gridPage(), null).body();
        assertThat(page).contains("id=\"unit-form\"").contains("所属单位").contains("设立本网格警务工作点");
        String choices = page.substring(page.indexOf("id=\"unit-form\""));
        choices = choices.substring(0, choices.indexOf("</select>"));
        // the units at or under the village's unit, in the order of the tree; not the stray one beside it
        assertThat(choices).contains("表单工作站" + n).contains("表单工作点" + n).doesNotContain("别处表单工作点" + n)
                .doesNotContain("房山中心警务室");
        assertThat(choices.indexOf("表单工作站" + n)).isLessThan(choices.indexOf("表单工作点" + n));
        assertThat(choices).containsPattern("value=\"" + workstation.id().value() + "\"[^>]*selected");

        HttpResponse<String> placed = place(chief, grid.id().value(), workPoint.id().value(), null);
        assertThat(placed.statusCode()).isEqualTo(302);
        assertThat(placed.headers().firstValue("Location").orElseThrow()).endsWith(gridPage());
        assertThat(unitOf(grid)).isEqualTo(workPoint.id().value());
        assertThat(audited("grid", grid.id().value(), "UPDATE", "chief")).isEqualTo(1);
        String after = chief.get(gridPage(), null).body();
        assertThat(after).contains("class=\"notice\"").contains("表单工作点" + n);
        assertThat(after.substring(after.indexOf("id=\"unit-form\"")))
                .containsPattern("value=\"" + workPoint.id().value() + "\"[^>]*selected");
    }

    @Test
    void theButtonSetsUpTheGridsOwnWorkPointUnderItsCommunitysUnitAndPlacesTheGridThereOnce() {
        ApiClient chief = signedIn("chief");
        HttpResponse<String> done = setUpWorkPoint(chief, grid.id().value());
        assertThat(done.statusCode()).isEqualTo(302);
        assertThat(done.headers().firstValue("Location").orElseThrow()).endsWith(gridPage());

        Unit point = jurisdictions.unitByCode("JWD-IT-FG-" + n).orElseThrow();
        assertThat(point.kind()).isEqualTo(UnitKind.WORK_POINT);
        assertThat(point.parentId()).isEqualTo(workstation.id());
        assertThat(point.name()).isEqualTo(grid.name() + "警务工作点");
        assertThat(unitOf(grid)).isEqualTo(point.id().value());
        assertThat(audited("unit", point.id().value(), "CREATE", "chief")).isEqualTo(1);
        assertThat(audited("grid", grid.id().value(), "UPDATE", "chief")).isEqualTo(1);
        assertThat(chief.get(gridPage(), null).body()).contains("class=\"notice\"").contains(grid.name() + "警务工作点");

        // pressed again: the work point is there and the grid under it, nothing more is made
        long before = units();
        assertThat(setUpWorkPoint(chief, grid.id().value()).statusCode()).isEqualTo(302);
        assertThat(units()).isEqualTo(before);
        assertThat(unitOf(grid)).isEqualTo(point.id().value());
    }

    /** Another person's work point for the grid, as his set-up writes it, under {@code parent}. */
    void workPointWritten(UUID id, Unit parent, String name) {
        jdbc.sql("INSERT INTO unit (id, parent_id, kind, code, name, path, depth) "
                + "VALUES (?, ?, 'WORK_POINT', ?, ?, ?, ?)")
                .params(id, parent.id().value(), "JWD-IT-FG-" + n, name, parent.path() + id + "/", parent.depth() + 1)
                .update();
    }

    long holdingTheWorkPointCode() {
        return jdbc.sql("SELECT count(*) FROM unit WHERE code = ?").param("JWD-IT-FG-" + n).query(Long.class).single();
    }

    /**
     * Two people press the button at the same moment: the first one's work point is written, not yet committed, when
     * the second finds its code free. The second is answered as had the first committed before he pressed: the work
     * point is used as it is ("已有则沿用", as the button says) and the grid placed under it; never "code in use".
     */
    @Test
    void theSecondToSetUpTheSameWorkPointAtOnceHasTheGridPlacedUnderTheFirstOnesWorkPoint() {
        ApiClient chief = signedIn("chief");
        UUID first = UUID.randomUUID();
        HttpResponse<String> answer = new Race(jdbc, transactions).run(
                () -> workPointWritten(first, workstation, grid.name() + "警务工作点"),
                () -> setUpWorkPoint(chief, grid.id().value()));

        assertThat(answer.statusCode()).isEqualTo(302);
        assertThat(chief.get(gridPage(), null).body()).contains("本网格已归属其警务工作点").doesNotContain("已被使用");
        assertThat(unitOf(grid)).isEqualTo(first);
        assertThat(holdingTheWorkPointCode()).isOne();
    }

    /** A unit elsewhere given the work point's code meanwhile is named, as the check names it when nothing races. */
    @Test
    void aUnitElsewhereTakingTheWorkPointsCodeMeanwhileIsNamedAsTheCheckNamesIt() {
        ApiClient chief = new ApiClient(port).signedIn("chief", DEMO_PASSWORD, "en");
        UUID before = unitOf(grid);
        HttpResponse<String> answer = new Race(jdbc, transactions).run(
                () -> workPointWritten(UUID.randomUUID(), office, "别处工作点" + n),
                () -> setUpWorkPoint(chief, grid.id().value()));

        assertThat(answer.statusCode()).isEqualTo(302);
        assertThat(chief.get(gridPage(), null).body()).contains("The work point code JWD-IT-FG-" + n)
                .contains("别处工作点" + n).doesNotContain("already in use");
        assertThat(unitOf(grid)).isEqualTo(before);
        assertThat(holdingTheWorkPointCode()).isOne();
        // the chief's language back to the default the other tests read him in
        chief.get("/?lang=zh-CN", null, "Accept", "text/html");
    }

    @Test
    void whoMayNotManageTheJurisdictionSeesNoFormAndHisPostsAreRefusedWithNothingChanged() {
        UUID demoGrid = demoGrid("FS-1-01");
        UUID demoUnit = unitOf(demoGrid);
        long before = units();
        for (String user : new String[] {"officer", "volunteer"}) {
            ApiClient c = signedIn(user);
            HttpResponse<String> page = c.get("/grids/" + demoGrid, null);
            assertThat(page.statusCode()).as(user).isEqualTo(200);
            assertThat(page.body()).as(user).doesNotContain("id=\"unit-form\"").doesNotContain("id=\"work-point-form\"");
            assertThat(c.get("/units", null).body()).as(user).doesNotContain("id=\"new-unit-form\"");

            assertThat(place(c, demoGrid, office.id().value(), null).statusCode()).as(user).isEqualTo(403);
            assertThat(setUpWorkPoint(c, demoGrid).statusCode()).as(user).isEqualTo(403);
            assertThat(addUnit(c, office.id().value(), "WORKSTATION", "T-FNO-" + n, "越权" + n, null).statusCode())
                    .as(user).isEqualTo(403);
        }
        assertThat(unitOf(demoGrid)).isEqualTo(demoUnit);
        assertThat(units()).isEqualTo(before);
    }

    @Test
    void aGridOfAnotherStationIsNotFoundAndStaysWhereItIs() {
        UUID urbanGrid = demoGrid("NS-1-01");
        UUID urbanUnit = unitOf(urbanGrid);
        long before = units();
        ApiClient chief = signedIn("chief");
        // the same form for a grid of his own goes through: what answers 404 below is the scope
        assertThat(place(chief, grid.id().value(), workPoint.id().value(), null).statusCode()).isEqualTo(302);
        before = units();
        assertThat(chief.get("/grids/" + urbanGrid, null).statusCode()).isEqualTo(404);
        assertThat(place(chief, urbanGrid, urbanUnit, null).statusCode()).isEqualTo(404);
        assertThat(setUpWorkPoint(chief, urbanGrid).statusCode()).isEqualTo(404);
        assertThat(place(chief, UUID.randomUUID(), workPoint.id().value(), null).statusCode()).isEqualTo(404);
        assertThat(unitOf(urbanGrid)).isEqualTo(urbanUnit);
        assertThat(units()).isEqualTo(before);
    }

    @Test
    void aBadUnitIsRefusedInChineseAndEnglishAndTheGridStaysWhereItIs() {
        ApiClient chief = signedIn("chief");
        // a unit beside the village's unit, not under it
        assertThat(place(chief, grid.id().value(), stray.id().value(), null).statusCode()).isEqualTo(302);
        assertThat(chief.get(gridPage(), null).body()).contains("<li>单位“别处表单工作点" + n
                + "”不在“表单村IT-FG-" + n + "”所属单位之下：网格只能设在其社区（村）所属单位或其下级单位</li>");
        assertThat(place(chief, grid.id().value(), stray.id().value(), "en").statusCode()).isEqualTo(302);
        assertThat(chief.get(gridPage(), null).body()).contains("<li>The unit 别处表单工作点" + n
                + " is not under the unit of 表单村IT-FG-" + n
                + ": a grid can only be placed at its community&#39;s unit or below it</li>");
        // a unit of another station, one that does not exist, or none at all: no such unit in his jurisdiction
        UUID urban = jurisdictions.unitByCode("320722020100").orElseThrow().id().value();
        assertThat(place(chief, grid.id().value(), urban, "en").statusCode()).isEqualTo(302);
        assertThat(chief.get(gridPage(), null).body()).contains("<li>No such unit in your jurisdiction</li>");
        assertThat(place(chief, grid.id().value(), UUID.randomUUID(), "zh-CN").statusCode()).isEqualTo(302);
        assertThat(chief.get(gridPage(), null).body()).contains("<li>单位不存在或不在您的辖区内</li>");
        assertThat(place(chief, grid.id().value(), null, null).statusCode()).isEqualTo(302);
        assertThat(chief.get(gridPage(), null).body()).contains("<li>单位不存在或不在您的辖区内</li>");

        assertThat(unitOf(grid)).isEqualTo(workstation.id().value());
        assertThat(jdbc.sql("SELECT count(*) FROM audit_entry WHERE record_type = 'grid' AND action = 'UPDATE' AND record_id = ?")
                .param(grid.id().value().toString()).query(Long.class).single()).isZero();
    }

    @Test
    void theChiefAddsAUnitOnTheTreePageAndADuplicateCodeOrABlankNameIsRefusedKeepingWhatWasTyped() {
        ApiClient chief = signedIn("chief");
        String tree = chief.get("/units", null).body();
        assertThat(tree).contains("id=\"new-unit-form\"");
        String parents = tree.substring(tree.indexOf("id=\"new-unit-form\""));
        parents = parents.substring(0, parents.indexOf("</select>"));
        assertThat(parents).contains("房山派出所").contains("表单工作站" + n).doesNotContain("牛山派出所")
                .as("a work point has no units under it").doesNotContain("表单工作点" + n);
        String kinds = tree.substring(tree.indexOf("id=\"kind\""));
        kinds = kinds.substring(0, kinds.indexOf("</select>"));
        assertThat(kinds).as("the kinds that may sit under one of his units").contains("value=\"CENTRAL_OFFICE\"")
                .contains("value=\"WORK_POINT\"").doesNotContain("value=\"STATION\"");
        // the tree first, the form collapsed below it, and each unit that may hold another links to it with itself
        // chosen: the tree's nodes run long, and a unit is found in the tree, not in a long list
        assertThat(tree.indexOf("class=\"unit-tree\"")).isLessThan(tree.indexOf("id=\"new-unit-form\""));
        assertThat(tree).contains("href=\"/units?parent=" + workstation.id().value() + "#new-unit\"");
        String chosen = chief.get("/units?parent=" + workstation.id().value(), null).body();
        assertThat(chosen).contains("<details id=\"new-unit\" class=\"card new-unit\" open");

        String code = "T-FNEW-" + n;
        HttpResponse<String> added = addUnit(chief, workstation.id().value(), "WORK_POINT", " " + code + " ",
                "新设工作点" + n, null);
        assertThat(added.statusCode()).isEqualTo(302);
        assertThat(added.headers().firstValue("Location").orElseThrow()).endsWith("/units");
        Unit made = jurisdictions.unitByCode(code).orElseThrow();
        assertThat(made.parentId()).isEqualTo(workstation.id());
        assertThat(made.kind()).isEqualTo(UnitKind.WORK_POINT);
        assertThat(made.name()).isEqualTo("新设工作点" + n);
        assertThat(audited("unit", made.id().value(), "CREATE", "chief")).isEqualTo(1);
        assertThat(chief.get("/units", null).body()).contains("class=\"notice\"").contains("新设工作点" + n);

        long before = units();
        // the same code again, in both languages: refused, and the form keeps what was typed
        assertThat(addUnit(chief, office.id().value(), "WORKSTATION", code, "重复站" + n, null).statusCode())
                .isEqualTo(302);
        String refused = chief.get("/units", null).body();
        assertThat(refused).contains("<li>单位代码 " + code + " 已被使用</li>").contains("value=\"重复站" + n + "\"")
                .containsPattern("value=\"" + office.id().value() + "\"[^>]*selected")
                .containsPattern("value=\"WORKSTATION\"[^>]*selected");
        assertThat(addUnit(chief, office.id().value(), "WORKSTATION", code, "重复站" + n, "en").statusCode())
                .isEqualTo(302);
        assertThat(chief.get("/units", null).body()).contains("<li>The unit code " + code + " is already in use</li>");
        // a blank name; a parent of another station; a kind that cannot sit there
        assertThat(addUnit(chief, office.id().value(), "WORKSTATION", "T-FB-" + n, " ", "zh-CN").statusCode())
                .isEqualTo(302);
        assertThat(chief.get("/units", null).body()).contains("<li>单位名称：必填</li>").contains("value=\"T-FB-" + n + "\"");
        UUID urbanStation = jurisdictions.unitByCode("320722020000").orElseThrow().id().value();
        assertThat(addUnit(chief, urbanStation, "WORKSTATION", "T-FU-" + n, "越界站" + n, null).statusCode())
                .isEqualTo(302);
        assertThat(chief.get("/units", null).body()).contains("<li>上级单位不存在或不在您的辖区内</li>");
        assertThat(addUnit(chief, office.id().value(), "STATION", "T-FK-" + n, "错级" + n, null).statusCode())
                .isEqualTo(302);
        assertThat(chief.get("/units", null).body()).as("the kinds by their names").contains("<li>“派出所”不能设在“中心警务室”之下</li>");
        assertThat(units()).isEqualTo(before);
    }
}
