package org.fengqiao.jurisdiction;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.BoundingBox;
import java.util.UUID;
import org.fengqiao.browser.BrowserTest;
import org.fengqiao.support.TreeFixtures;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The tree page as the bureau uses it: the tree first, the forms that change it collapsed below, each opened from the
 * node it acts on with that node chosen; the police districts' page reached from it; on a desktop and on a phone.
 */
class UnitTreeBrowserIntegrationTests extends BrowserTest {

    static final String RURAL_OFFICE = "320722010100";
    static final String RURAL_STATION = "320722010000";

    @Autowired
    Jurisdictions jurisdictions;
    @Autowired
    JdbcClient jdbc;

    @Test
    void theBureauRenamesAUnitFromItsNodeInTheTreeAndMakesADistrictOnThePageLinkedFromIt() {
        TreeFixtures tree = new TreeFixtures(jurisdictions, jdbc);
        Unit unit = jurisdictions.createUnit(tree.unit(RURAL_OFFICE).id(), UnitKind.WORKSTATION,
                "IT-TB-" + TreeFixtures.unique(), "改名前工作站", null);
        Community village = tree.village(tree.unit(RURAL_OFFICE), "IT-TB-V-", "树页村");
        login("bureau");
        page.navigate(url("/units"));

        // the tree comes first; the forms wait, closed, below it
        assertThat((Boolean) page.evaluate("() => !!(document.querySelector('ul.unit-tree').compareDocumentPosition("
                + "document.querySelector('#tree-actions')) & Node.DOCUMENT_POSITION_FOLLOWING)")).isTrue();
        assertThat(page.locator("#rename-unit")).not().hasAttribute("open", "");
        assertThat(page.locator("#rename-unit-form")).not().isVisible();

        page.locator("#unit-" + unit.id() + " > .unit-head a.node-rename").click();
        assertThat(page.locator("#rename-unit-form")).isVisible();
        assertThat(page.locator("#rename-unitId")).hasValue(unit.id().value().toString());
        page.fill("#rename-name", "改名后工作站");
        page.click("#rename-unit-form button[type=submit]");
        assertThat(page.locator(".notice")).containsText("单位已更名");
        assertThat(page.locator("#unit-" + unit.id() + " > .unit-head strong")).hasText("改名后工作站");

        page.click("#groupings-link");
        page.waitForURL("**/groupings");
        page.click("#new-grouping summary");
        page.selectOption("#grouping-kind", "JOINT_PATROL_ZONE");
        page.selectOption("#grouping-unitId", tree.unit(RURAL_STATION).id().value().toString());
        String code = "IT-TB-Z-" + TreeFixtures.unique();
        page.fill("#grouping-code", code);
        page.fill("#grouping-name", "树页联防区");
        page.check("#new-grouping-form input[value='" + village.id().value() + "']");
        page.click("#new-grouping-form button[type=submit]");
        assertThat(page.locator(".notice")).containsText("已新设");
        UUID id = jdbc.sql("SELECT id FROM grouping WHERE code = ?").param(code).query(UUID.class).single();
        assertThat(page.locator("#grouping-" + id + " .grouping-members")).containsText(village.name());
    }

    @Test
    void onAPhoneTheTreeFitsTheScreenAndANodesHandOverOpensItsFormWithTheVillageChosen() {
        Community village = new TreeFixtures(jurisdictions, jdbc).village(
                new TreeFixtures(jurisdictions, jdbc).unit(RURAL_OFFICE), "IT-TB-P-", "手机树页村");
        try (BrowserContext phone = browser.newContext(phone())) {
            Page saved = page;
            page = phone.newPage();
            try {
                login("bureau");
                page.navigate(url("/units"));
                assertThat(fitsTheScreen()).isTrue();
                var handOver = page.locator("a.node-hand-over[href*='community=" + village.id().value() + "']");
                BoundingBox box = handOver.boundingBox();
                assertThat(box.height).isGreaterThanOrEqualTo(44);
                handOver.click();
                assertThat(page.locator("#move-community-form")).isVisible();
                assertThat(page.locator("#move-communityId")).hasValue(village.id().value().toString());
                assertThat(fitsTheScreen()).isTrue();
                page.navigate(url("/groupings"));
                assertThat(fitsTheScreen()).isTrue();
            } finally {
                page = saved;
            }
        }
    }
}
