package org.fengqiao.population;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.Locator;
import java.util.UUID;
import org.fengqiao.browser.BrowserTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * An officer at the door with his phone: a double tap on "记录走访" records one visit (on a household's page and
 * on a key person's); he marks the household 放心户 while recording the visit and finds the change listed under
 * the visit, in Chinese, and in English when the page is shown in English; he registers a newborn and corrects the
 * mother's phone from the household page during the visit and finds both under it; he records that a son moved
 * away from the son's row during the visit and finds it under the visit.
 */
class HouseholdVisitBrowserTests extends BrowserTest {

    @Autowired
    JdbcClient jdbc;

    @Override
    protected Browser.NewContextOptions contextOptions() {
        return phone();
    }

    long visits(UUID household) {
        return jdbc.sql("SELECT count(*) FROM visit WHERE household_id = ?").param(household).query(Long.class).single();
    }

    @Test
    void aDoubleTapOnRecordVisitRecordsOneVisit() {
        HousingFixtures fx = new HousingFixtures(port, jdbc);
        UUID grid = fx.gridId("FS-1-01");
        UUID household = fx.household(grid, null, false, false);
        fx.person(grid, household, "双击", "HEAD", null, null);
        login("officer");

        page.navigate(url("/households/" + household));
        page.fill("#visit-findings", "住户在家，已宣传防诈");
        page.locator("#visit-form button[type=submit]").dblclick();
        assertThat(page.locator(".visits .findings")).hasText("住户在家，已宣传防诈");
        page.waitForTimeout(500);
        assertThat(visits(household)).isEqualTo(1);

        UUID keyHousehold = fx.household(grid, null, false, false);
        UUID person = fx.person(grid, keyHousehold, "双访", "HEAD", "KEY_PERSON", "DRUG");
        page.navigate(url("/key-persons/" + person));
        page.selectOption("#visit-state", "STABLE");
        page.fill("#visit-findings", "情绪稳定");
        page.locator("#key-visit-form button[type=submit]").dblclick();
        assertThat(page.locator("#visits .visit").first()).containsText("情绪稳定");
        page.waitForTimeout(500);
        assertThat(visits(keyHousehold)).isEqualTo(1);
    }

    @Test
    void theOfficerMarksTheHouseholdTrustedDuringAVisitAndSeesItUnderTheVisit() {
        HousingFixtures fx = new HousingFixtures(port, jdbc);
        UUID grid = fx.gridId("FS-1-01");
        UUID household = fx.household(grid, null, false, false);
        fx.person(grid, household, "放心", "HEAD", null, null);
        login("officer");

        page.navigate(url("/households/" + household));
        assertThat(page.locator(".household-marks .mark-TRUSTED")).hasCount(0);
        page.fill("#visit-findings", "邻里和睦，无安全隐患");
        page.locator("#household-trusted").check();
        assertThat(fitsTheScreen()).as("the visit form fits a phone's width").isTrue();
        page.locator("#visit-form button[type=submit]").click();

        Locator visit = page.locator(".visits .visit").first();
        assertThat(visit.locator(".findings")).hasText("邻里和睦，无安全隐患");
        assertThat(visit.locator(".changes li")).hasText("设为放心户");
        assertThat(page.locator(".household-marks .mark-TRUSTED")).hasText("放心户");
        assertThat(page.locator("#household-trusted")).isChecked();
        assertThat(jdbc.sql("SELECT trusted FROM household WHERE id = ?").param(household).query(Boolean.class).single())
                .isTrue();

        page.navigate(url("/households/" + household + "?lang=en"));
        assertThat(page.locator(".visits .visit").first().locator(".changes li")).hasText("marked as a trusted household");

        // outside a visit: the note alone, saved without recording a visit
        page.navigate(url("/households/" + household + "?lang=zh-CN"));
        page.fill("#household-note", "独居老人常来往");
        page.locator("#save-marks").click();
        assertThat(page.locator("#household-note")).hasValue("独居老人常来往");
        assertThat(visits(household)).isEqualTo(1);
    }

    @Test
    void duringTheVisitTheOfficerRegistersANewbornAndCorrectsAPhoneAndFindsThemUnderTheVisit() {
        HousingFixtures fx = new HousingFixtures(port, jdbc);
        UUID grid = fx.gridId("FS-1-01");
        UUID household = fx.household(grid, null, false, false);
        String mother = "走母" + UUID.randomUUID().toString().substring(0, 4);
        fx.person(grid, household, mother, "HEAD", null, null);
        login("officer");

        page.navigate(url("/households/" + household));
        page.fill("#visit-findings", "新生儿出生，母亲换了手机号");
        page.locator("#visit-form button[type=submit]").click();
        assertThat(page.locator(".visits .findings")).hasText("新生儿出生，母亲换了手机号");

        // the page, reloaded during the visit, opens the register form with it and comes back to the household
        assertThat(page.locator("#add-member")).hasText("登记新成员（记入本次走访）");
        page.locator("#add-member").click();
        assertThat(page.locator("#during-visit")).isVisible();
        String baby = "走婴" + UUID.randomUUID().toString().substring(0, 4);
        page.fill("#person-form input[name=name]", baby);
        page.selectOption("#person-form select[name=sex]", "MALE");
        page.selectOption("#person-form select[name=relation]", "CHILD");
        page.locator("#person-form button[type=submit]").click();
        page.waitForURL(u -> u.endsWith("/households/" + household));

        // on a phone the members are cards, each cell under its column's name: the edit link's is the visit
        assertThat(page.locator(".members tr:has-text('" + mother + "') td:has(a.edit-member)"))
                .hasAttribute("data-label", "本次走访");
        page.locator(".members tr:has-text('" + mother + "') a.edit-member").click();
        page.fill("#person-form input[name=phone]", "13800004444");
        page.locator("#person-form button[type=submit]").click();
        page.waitForURL(u -> u.endsWith("/households/" + household));

        Locator changes = page.locator(".visits .visit").first().locator(".changes li");
        assertThat(changes).hasText(new String[] {"新登记人员 " + baby, mother + "：电话已更新为 138****4444"});
        assertThat(page.locator("main")).not().containsText("13800004444");
    }

    @Test
    void duringTheVisitTheOfficerRecordsThatAMemberLeftFromTheHouseholdPageAndFindsItUnderTheVisit() {
        HousingFixtures fx = new HousingFixtures(port, jdbc);
        UUID grid = fx.gridId("FS-1-01");
        UUID household = fx.household(grid, null, false, false);
        String head = "留户" + UUID.randomUUID().toString().substring(0, 4);
        String son = "外出" + UUID.randomUUID().toString().substring(0, 4);
        fx.person(grid, household, head, "HEAD", null, null);
        UUID sonId = fx.person(grid, household, son, "CHILD", null, null);
        login("officer");

        page.navigate(url("/households/" + household));
        page.fill("#visit-findings", "儿子已去南京工作");
        page.locator("#visit-form button[type=submit]").click();
        assertThat(page.locator(".visits .findings")).hasText("儿子已去南京工作");

        // the page, reloaded during the visit, offers the departure on the son's row, with the visit
        page.reload();
        Locator depart = page.locator(".members tr:has-text('" + son + "') a.depart-member");
        assertThat(depart).hasText("登记离开（记入本次走访）");
        depart.click();
        assertThat(page.locator("#during-visit")).isVisible();
        String today = java.time.LocalDate.now(java.time.ZoneId.of("Asia/Shanghai")).toString();
        assertThat(page.locator("#departure-form input[name=leftOn]")).hasValue(today);
        page.fill("#departure-form input[name=destination]", "江苏省南京市");
        assertThat(fitsTheScreen()).as("the departure form fits a phone's width").isTrue();
        page.locator("#departure-form button[type=submit]").click();
        page.waitForURL(u -> u.endsWith("/households/" + household));

        // where he went is added to his note: said under the visit as a change of the note
        assertThat(page.locator(".visits .visit").first().locator(".changes li"))
                .hasText(new String[] {son + "：居住状态改为已离开（" + today + "）", son + "：备注已更新"});
        Locator row = page.locator(".members tr:has-text('" + son + "')");
        assertThat(row).containsText("已离开");
        assertThat(row.locator("a.depart-member")).hasCount(0);
        assertThat(page.locator(".members tr:has-text('" + head + "') a.depart-member")).hasCount(1);
        assertThat(jdbc.sql("SELECT residence FROM person WHERE id = ?").param(sonId).query(String.class).single())
                .isEqualTo("LEFT");
    }
}
