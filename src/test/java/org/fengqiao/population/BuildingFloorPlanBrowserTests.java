package org.fengqiao.population;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.Media;
import java.util.UUID;
import org.fengqiao.browser.BrowserTest;
import org.fengqiao.jurisdiction.Jurisdictions;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** An officer on foot opens a building's floor plan, finds who lives where, and marks a room vacant. */
class BuildingFloorPlanBrowserTests extends BrowserTest {

    @Autowired
    JdbcClient jdbc;
    @Autowired
    Jurisdictions jurisdictions;

    @Test
    void officerSeesTheHeadAndKeyPersonInTheRightRoomAndMarksARoomVacant() {
        HousingFixtures fx = new HousingFixtures(port, jdbc);
        UUID grid = fx.gridId("FS-1-01");
        UUID building = fx.building("officer", "FS-1-01", 4, 2, 2);
        UUID household = fx.household(grid, fx.room(building, 2, "301"), false, false);
        fx.person(grid, household, "韩磊", "HEAD", null, null);
        fx.person(grid, household, "韩冰", "CHILD", "KEY_PERSON", "MENTAL");
        UUID emptyRoom = fx.room(building, 1, "402");
        // a household whose only member moved away: registered, so not shown vacant, but nobody lives there
        UUID movedAway = fx.household(grid, fx.room(building, 1, "401"), false, false);
        UUID gone = fx.person(grid, movedAway, "韩去", "HEAD", null, null);
        jdbc.sql("UPDATE person SET residence = 'LEFT' WHERE id = ?").param(gone).update();

        login("officer");
        page.navigate(url("/buildings"));
        page.click("a[href$='/buildings/" + building + "']");
        page.waitForURL("**/buildings/" + building);

        Locator keyRoom = page.locator("#room-2-301");
        assertThat(keyRoom.locator(".room-head")).hasText("韩磊");
        assertThat(keyRoom.locator(".mark-KEY_PERSON")).isVisible();
        assertThat(keyRoom).hasClass(java.util.regex.Pattern.compile("is-KEY_PERSON"));
        assertThat(page.locator("#room-1-301 .mark-KEY_PERSON")).hasCount(0);
        assertThat(page.locator(".legend .mark-KEY_PERSON")).hasText("重点人员");

        // the room has a household registered, so it is not vacant until the officer says so
        Locator room = page.locator("#room-1-402");
        assertThat(room.locator(".mark-VACANT")).isVisible();
        Locator occupied = page.locator("#room-2-301");
        assertThat(occupied.locator(".mark-VACANT")).hasCount(0);
        occupied.click();
        Locator dialog = page.locator("#room-dialog");
        assertThat(dialog).isVisible();
        assertThat(dialog.locator("#room-household")).isVisible();
        dialog.locator("input[name=vacant]").check();
        dialog.locator("button[value=save]").click();
        // people live there: the dialog says why it cannot be vacant, and nothing changes
        assertThat(dialog.locator("#room-form .form-status")).hasText("房间内有登记在住的人员，不能标记为空置：请先登记其迁出");
        assertThat(jdbc.sql("SELECT vacant FROM room WHERE id = ?").param(fx.room(building, 2, "301"))
                .query(Boolean.class).single()).isFalse();
        dialog.locator("#room-cancel").click();

        Locator left = page.locator("#room-1-401");
        assertThat(left.locator(".mark-VACANT")).hasCount(0);
        left.click();
        dialog.locator("input[name=vacant]").check();
        dialog.locator("button[value=save]").click();
        assertThat(page.locator("#room-1-401 .mark-VACANT")).isVisible();
        assertThat(jdbc.sql("SELECT vacant FROM room WHERE id = ?").param(fx.room(building, 1, "401"))
                .query(Boolean.class).single()).isTrue();
        assertThat(jdbc.sql("SELECT vacant FROM room WHERE id = ?").param(emptyRoom).query(Boolean.class).single())
                .isFalse();

        // the household page opens from the plan
        page.locator("#room-2-301").click();
        page.locator("#room-household").click();
        page.waitForURL("**/households/" + household);
        assertThat(page.locator("table.members")).containsText("韩冰");
    }

    @Test
    void theBuildingFormFindsItsStandardAddressWhosePageThenLeadsToTheFloorPlan() {
        PlacesFixtures places = new PlacesFixtures(port, jdbc, jurisdictions);
        String street = "楼址路" + UUID.randomUUID().toString().substring(0, 4);
        UUID address = places.address("officer", "FS-1-01", street);
        String name = HousingFixtures.unique("址楼");
        login("officer");
        page.navigate(url("/buildings"));
        page.click("#new-building summary");
        page.selectOption("#building-form select[name=gridId]", places.fx.gridId("FS-1-01").toString());
        page.fill("#building-form input[name=name]", name);
        page.fill("#building-form input[name=floors]", "3");
        Locator picker = page.locator("#building-form [data-picker=addresses]");
        assertThat(picker).containsText("标准地址");
        picker.locator("input[type=search]").fill(street);
        picker.locator(".picker-option").first().click();
        assertThat(picker.locator(".picker-chosen")).containsText(street);
        page.click("#building-form button[type=submit]");
        page.waitForURL(u -> u.matches(".*/buildings/[0-9a-f-]{36}$"));
        UUID building = UUID.fromString(page.url().substring(page.url().lastIndexOf('/') + 1));
        assertThat(jdbc.sql("SELECT address_id FROM building WHERE id = ?").param(building).query(UUID.class).single())
                .isEqualTo(address);
        assertThat(page.locator("#plan-address")).containsText(street);

        // the plan links to the address's page, which lists the building at it, and its link opens the floor plan
        page.locator("#plan-address").click();
        page.waitForURL("**/addresses/" + address);
        Locator listed = page.locator(".at-address li", new Page.LocatorOptions().setHasText(name));
        assertThat(listed.locator(".badge")).hasText("楼栋");
        listed.locator("a").click();
        page.waitForURL("**/buildings/" + building);
        assertThat(page.locator(".floor-plan .plan-row")).hasCount(4);
    }

    @Test
    void anOfficerOpensTheEditFormFromTheFloorPlanRenamesTheBuildingAddsAFloorAndSeesBothOnThePlan() {
        HousingFixtures fx = new HousingFixtures(port, jdbc);
        UUID building = fx.building("officer", "FS-1-01", 2, 1, 2);
        String name = HousingFixtures.unique("改后楼");
        login("officer");
        // the same form opened earlier in another tab, saved after this one: it is stale by then
        Page stale = context.newPage();
        stale.navigate(url("/buildings/" + building + "/edit"));

        page.navigate(url("/buildings/" + building));
        assertThat(page.locator(".floor-plan .plan-row")).hasCount(3);
        page.click("#edit-building");
        page.waitForURL("**/buildings/" + building + "/edit");
        page.fill("#building-edit-form input[name=name]", name);
        page.fill("#building-edit-form input[name=floors]", "3");
        page.click("#building-edit-form button[type=submit]");
        page.waitForURL("**/buildings/" + building);
        assertThat(page.locator(".plan-header h1 span").first()).hasText(name);
        assertThat(page.locator(".floor-plan .plan-row")).hasCount(4);
        assertThat(page.locator("#room-1-302")).isVisible();

        stale.fill("#building-edit-form input[name=name]", HousingFixtures.unique("迟到"));
        stale.click("#building-edit-form button[type=submit]");
        assertThat(stale.locator("#building-edit-form .form-status"))
                .containsText("该楼栋在您编辑期间已被他人修改，本次未保存");
        assertThat(jdbc.sql("SELECT name FROM building WHERE id = ?").param(building).query(String.class).single())
                .isEqualTo(name);
        stale.close();
    }

    @Test
    void printOpensTheServersPdfAndABrowsersPrintHidesTheControls() {
        HousingFixtures fx = new HousingFixtures(port, jdbc);
        UUID building = fx.building("officer", "FS-1-01", 12, 3, 4);
        login("officer");
        page.navigate(url("/buildings/" + building));
        assertThat(page.locator(".floor-plan .plan-row")).hasCount(13);
        assertThat(page.locator("#print-plan")).isVisible();
        // 打印 opens the server's one-page PDF, laid out the same whatever the browser
        assertThat(page.locator("#print-plan")).hasAttribute("href", "/buildings/" + building + "/floor-plan.pdf");
        var pdf = page.request().get(url("/buildings/" + building + "/floor-plan.pdf"));
        assertThat(pdf.status()).isEqualTo(200);
        assertThat(pdf.headers().get("content-type")).isEqualTo("application/pdf");
        assertThat(new String(pdf.body(), 0, 5, java.nio.charset.StandardCharsets.US_ASCII)).isEqualTo("%PDF-");

        // a browser's own print of the page (Ctrl+P) still leaves the controls out
        String css = page.request().get(url("/css/housing.css")).text();
        assertThat(css).contains("@media print", "size: A4", ".floor-plan", ".room-cell", ".no-print", ".topnav");

        page.emulateMedia(new Page.EmulateMediaOptions().setMedia(Media.PRINT));
        assertThat(page.locator(".topnav")).isHidden();
        assertThat(page.locator("#print-plan")).isHidden();
        assertThat(page.locator(".floor-plan")).isVisible();
        // an A4 page less its margins is about 718 px wide at 96 dpi: the widest plan row must fit in it
        page.setViewportSize(718, 1000);
        double width = ((Number) page.evaluate("() => document.querySelector('.floor-plan').scrollWidth")).doubleValue();
        assertThat(width).isLessThanOrEqualTo(718);
    }

    @Test
    void officerRecordsAVisitWithTheContactCard() {
        HousingFixtures fx = new HousingFixtures(port, jdbc);
        UUID grid = fx.gridId("FS-1-01");
        UUID household = fx.household(grid, null, false, false);
        fx.person(grid, household, "冯涛", "HEAD", null, null);
        login("officer");
        page.navigate(url("/households/" + household));
        assertThat(page.locator("#contact-card")).hasText("未发放");
        page.fill("#visit-findings", "住户在家，已讲解防盗");
        page.locator("#visit-form input[name=contactCard]").check();
        page.locator("#visit-form button[type=submit]").click();
        assertThat(page.locator(".visits .findings")).hasText("住户在家，已讲解防盗");
        assertThat(page.locator("#contact-card")).not().hasText("未发放");
    }

    @Test
    void aRoomChangedOnThePlanDuringAVisitIsListedUnderThatVisit() {
        HousingFixtures fx = new HousingFixtures(port, jdbc);
        UUID grid = fx.gridId("FS-1-01");
        UUID building = fx.building("officer", "FS-1-01", 3, 1, 2);
        UUID household = fx.household(grid, fx.room(building, 1, "201"), false, false);
        fx.person(grid, household, "蔡明", "HEAD", null, null);
        UUID emptyRoom = fx.room(building, 1, "302");
        login("officer");
        page.navigate(url("/households/" + household));
        assertThat(page.locator("#plan-during-visit")).hasCount(0);
        page.fill("#visit-findings", "楼上302已出租给外地务工人员");
        page.locator("#visit-form button[type=submit]").click();
        assertThat(page.locator(".visits .findings").first()).hasText("楼上302已出租给外地务工人员");
        UUID visit = jdbc.sql("SELECT id FROM visit WHERE household_id = ?").param(household).query(UUID.class).single();

        page.locator("#plan-during-visit").click();
        page.waitForURL(u -> u.contains("/buildings/" + building) && u.contains("visitId=" + visit));
        assertThat(page.locator("#plan-visit")).containsText("正在记录");
        page.locator("#room-1-302").click();
        Locator dialog = page.locator("#room-dialog");
        dialog.locator("input[name=rental]").check();
        dialog.locator("button[value=save]").click();
        assertThat(page.locator("#room-1-302 .mark-RENTAL")).isVisible();
        assertThat(jdbc.sql("SELECT count(*) FROM visit_change WHERE visit_id = ? AND record_type = 'room' AND record_id = ?")
                .params(visit, emptyRoom).query(Long.class).single()).as("linked to the visit").isEqualTo(1);

        page.locator("#plan-visit a").click();
        page.waitForURL("**/households/" + household);
        assertThat(page.locator(".visits .visit").first().locator(".changes")).containsText("302");

        // the plan opened on its own changes rooms without a visit
        page.navigate(url("/buildings/" + building));
        assertThat(page.locator("#plan-visit")).hasCount(0);
        page.locator("#room-1-302").click();
        dialog.locator("input[name=rental]").uncheck();
        dialog.locator("button[value=save]").click();
        assertThat(page.locator("#room-1-302 .mark-RENTAL")).hasCount(0);
        assertThat(jdbc.sql("SELECT count(*) FROM visit_change WHERE record_type = 'room' AND record_id = ?")
                .param(emptyRoom).query(Long.class).single()).isEqualTo(1);
    }

    @Test
    void aVisitOfAnotherGridOrNoneAtAllOpensNoPlan() {
        HousingFixtures fx = new HousingFixtures(port, jdbc);
        UUID building = fx.building("officer", "FS-1-01", 2, 1, 2);
        UUID otherGrid = fx.gridId("FS-1-02");
        UUID foreignVisit = UUID.randomUUID();
        UUID officerId = jdbc.sql("SELECT id FROM staff WHERE username = 'officer'").query(UUID.class).single();
        jdbc.sql("INSERT INTO visit (id, grid_id, visited_by, visited_at) VALUES (?, ?, ?, now())")
                .params(foreignVisit, otherGrid, officerId).update();
        login("officer");
        assertThat(page.navigate(url("/buildings/" + building + "?visitId=" + foreignVisit)).status()).isEqualTo(404);
        assertThat(page.navigate(url("/buildings/" + building + "?visitId=" + UUID.randomUUID())).status())
                .isEqualTo(404);
        assertThat(page.navigate(url("/buildings/" + building)).status()).isEqualTo(200);
    }
}
