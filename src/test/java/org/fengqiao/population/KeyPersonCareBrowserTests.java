package org.fengqiao.population;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.Page;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.UUID;
import org.fengqiao.browser.BrowserTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The grid chief on his phone: the home page counts his overdue key persons, the list opens on them,
 * he records a visit with the helper who came and the visit is no longer overdue; he raises a risk
 * level with a reason; he signs a left-behind child's care agreement on the child's page.
 */
class KeyPersonCareBrowserTests extends BrowserTest {

    static final Path SCREENS = Path.of("target", "care-screens");

    @Autowired
    JdbcClient jdbc;

    @Override
    protected Browser.NewContextOptions contextOptions() {
        return new Browser.NewContextOptions().setLocale("zh-CN").setViewportSize(390, 844);
    }

    void shot(String name) {
        page.screenshot(new Page.ScreenshotOptions().setPath(SCREENS.resolve(name + ".png")).setFullPage(true));
    }

    @Test
    void theGridChiefFindsHisOverdueKeyPersonAndRecordsAVisitWithHisHelper() {
        HousingFixtures fx = new HousingFixtures(port, jdbc);
        UUID grid = fx.gridId("FS-5-01");
        UUID household = fx.household(grid, null, false, false);
        UUID person = fx.person(grid, household, "蒋逾", "HEAD", "KEY_PERSON", "DRUG");
        jdbc.sql("UPDATE person_category SET since = ? WHERE person_id = ?")
                .params(LocalDate.now(ZoneId.of("Asia/Shanghai")).minusDays(60), person).update();
        fx.call("officer", "POST", "/api/v1/key-persons/" + person + "/team", java.util.Map.of("name", "蒋医生",
                "role", "DOCTOR", "relation", "林疃村卫生室"));

        login("officer");
        assertThat(page.locator("#overdue-key-persons")).containsText("我负责网格逾期未走访");
        page.click("#tile-key-persons");
        page.waitForURL("**/key-persons?overdue=true");
        shot("key-persons");
        assertThat(page.locator("tbody tr").first()).hasClass(java.util.regex.Pattern.compile("is-overdue"));
        page.click("a.key-person-name:text-is('蒋逾')");
        // the person's page carries the list's filters for its way back
        page.waitForURL(u -> u.contains("/key-persons/" + person + "?back="));
        assertThat(page.locator("#next-due .overdue-badge")).isVisible();

        page.selectOption("#visit-state", "STABLE");
        page.locator("#key-visit-form input[name=helperIds]").first().check();
        page.fill("#visit-findings", "入户走访，本人在家，情绪稳定");
        page.click("#key-visit-form button[type=submit]");
        assertThat(page.locator(".visits .visit").first()).containsText("入户走访，本人在家，情绪稳定");
        assertThat(page.locator(".visits .visit").first()).containsText("帮扶人：蒋医生");
        assertThat(page.locator("#next-due .overdue-badge")).hasCount(0);

        page.selectOption("#risk-select", "MEDIUM");
        page.fill("#risk-reason", "连续三个月尿检阴性");
        page.click("#risk-form button[type=submit]");
        assertThat(page.locator("#risk-history")).containsText("连续三个月尿检阴性");
        shot("key-person");
        assertThat(jdbc.sql("SELECT risk FROM person_category WHERE person_id = ?").param(person).query(String.class).single())
                .isEqualTo("MEDIUM");

        // 返回 leads to the overdue list he came from, where the person visited is overdue no more
        page.click("#back-to-list");
        page.waitForURL("**/key-persons?overdue=true");
        assertThat(page.locator("#key-persons-visits a.active")).containsText(new String[] {"只看逾期"});
        assertThat(page.locator("a.key-person-name:text-is('蒋逾')")).hasCount(0);
    }

    @Test
    void theOfficerSignsALeftBehindChildsCareAgreementOnTheChildsPage() {
        HousingFixtures fx = new HousingFixtures(port, jdbc);
        UUID grid = fx.gridId("FS-5-02");
        UUID child = fx.person(grid, fx.household(grid, null, false, false), "蒋童", "GRANDCHILD", "LEFT_BEHIND_CHILD", null);

        login("officer");
        page.navigate(url("/persons/" + child));
        assertThat(page.locator("#care")).containsText("尚未签订帮扶协议");
        page.click("#care details summary");
        page.fill("#agreement-form input[name=guardianName]", "蒋爷");
        page.fill("#agreement-form input[name=guardianRelation]", "祖父");
        page.fill("#agreement-form input[name=guardianPhone]", "13966667777");
        page.fill("#agreement-form input[name=fatherWhereabouts]", "在常州务工");
        page.locator("#agreement-form input[name=helperName]").nth(0).fill("网管丁");
        page.locator("#agreement-form input[name=helperName]").nth(1).fill("志愿戊");
        page.click("#agreement-form button[type=submit]");
        assertThat(page.locator("#care .agreement.current")).containsText("现行帮扶协议（三帮一）");
        assertThat(page.locator("#care .agreement.current")).containsText("蒋爷（祖父） 139****7777");
        assertThat(page.locator("#care .agreement.current")).containsText("网管丁 · 网格管理员");
        shot("person-care");
        assertThat(page.content()).doesNotContain("13966667777");

        // a review without a new agreement: a next review day not after the review is refused in the page's language
        page.click("#care .agreement.current .reviews details summary");
        page.fill("#care .review-form input[name=nextReviewOn]", LocalDate.now(ZoneId.of("Asia/Shanghai")).toString());
        page.fill("#care .review-form textarea[name=findings]", "祖父身体尚好，儿童按时上学");
        page.click("#care .review-form button[type=submit]");
        assertThat(page.locator("#care .review-form .form-status")).containsText("下次复查日期须晚于本次复查日期");
        page.fill("#care .review-form input[name=nextReviewOn]",
                java.time.LocalDate.now(java.time.ZoneId.of("Asia/Shanghai")).plusMonths(3).toString());
        page.click("#care .review-form button[type=submit]");
        assertThat(page.locator("#care .agreement.current .review-list .review")).hasCount(1);
        assertThat(page.locator("#care .agreement.current .review-list")).containsText("祖父身体尚好，儿童按时上学");
        assertThat(page.locator("#care .agreement.current .review-list")).containsText("无变化");
        assertThat(page.locator("#care .agreement.current")).containsText(
                java.time.LocalDate.now(java.time.ZoneId.of("Asia/Shanghai")).plusMonths(3).toString());
        assertThat(jdbc.sql("SELECT count(*) FROM care_agreement_review r JOIN care_agreement a ON a.id = r.agreement_id WHERE a.person_id = ?")
                .param(child).query(Long.class).single()).isEqualTo(1);
    }

    /** A helper row with a phone but no name was dropped unseen and the agreement saved without him. */
    @Test
    void aHelperRowWithAPhoneButNoNameIsRefusedOnTheRowAndNothingIsSaved() {
        HousingFixtures fx = new HousingFixtures(port, jdbc);
        UUID grid = fx.gridId("FS-5-02");
        UUID child = fx.person(grid, fx.household(grid, null, false, false), "蒋缺名", "GRANDCHILD", "LEFT_BEHIND_CHILD",
                null);

        login("officer");
        page.navigate(url("/persons/" + child));
        page.click("#care details summary");
        page.fill("#agreement-form input[name=guardianName]", "蒋奶");
        page.locator("#agreement-form input[name=helperName]").nth(0).fill("网管己");
        page.locator("#agreement-form input[name=helperName]").nth(1).fill("志愿庚");
        page.locator("#agreement-form input[name=helperPhone]").nth(2).fill("13955556666");
        page.click("#agreement-form button[type=submit]");
        assertThat(page.locator("#agreement-form .form-status"))
                .hasText("帮扶人 3：填写了电话或关系/单位，请填写姓名（或清空该行）");
        assertThat(page.locator("#agreement-form input[name=helperName]").nth(2)).hasAttribute("aria-invalid", "true");
        assertThat(jdbc.sql("SELECT count(*) FROM care_agreement WHERE person_id = ?").param(child)
                .query(Long.class).single()).isZero();

        // named, the third helper is signed with the others: 四帮一
        page.locator("#agreement-form input[name=helperName]").nth(2).fill("老师辛");
        page.click("#agreement-form button[type=submit]");
        assertThat(page.locator("#care .agreement.current")).containsText("现行帮扶协议（四帮一）");
        assertThat(page.locator("#care .agreement.current")).containsText("老师辛");
    }

    /** Ending a team member failed without a problem body (no network): the alert asked the question again. */
    @Test
    void endingAHelperThatFailsSaysItFailedNotTheQuestion() {
        HousingFixtures fx = new HousingFixtures(port, jdbc);
        UUID grid = fx.gridId("FS-5-01");
        UUID person = fx.person(grid, fx.household(grid, null, false, false), "蒋退", "HEAD", "KEY_PERSON", "DRUG");
        fx.call("officer", "POST", "/api/v1/key-persons/" + person + "/team", java.util.Map.of("name", "蒋邻",
                "role", "VOLUNTEER"));

        login("officer");
        page.navigate(url("/key-persons/" + person));
        page.route("**/team/*/end", route -> route.abort());
        java.util.List<String> dialogs = new java.util.concurrent.CopyOnWriteArrayList<>();
        page.onDialog(dialog -> {
            dialogs.add(dialog.type() + ":" + dialog.message());
            dialog.accept();
        });
        page.click("button.end-member");
        page.waitForCondition(() -> dialogs.size() >= 2);
        assertThat(dialogs).containsExactly("confirm:确认 蒋邻 退出帮扶小组？", "alert:未能让 蒋邻 退出帮扶小组，请重试");
        assertThat(jdbc.sql("SELECT count(*) FROM helper_membership WHERE person_id = ? AND left_on IS NULL")
                .param(person).query(Long.class).single()).isEqualTo(1);
    }

    /**
     * On the key person's page the grid chief records the contact card handed over (issue 3), on its own and at a
     * visit; and a staff member he chose as a helper who has meanwhile left the service is refused by name.
     */
    @Test
    void theGridChiefRecordsAContactCardAndIsToldByNameThatAHelperIsNoLongerActive() {
        HousingFixtures fx = new HousingFixtures(port, jdbc);
        UUID grid = fx.gridId("FS-5-01");
        UUID household = fx.household(grid, null, false, false);
        UUID person = fx.person(grid, household, "蒋卡", "HEAD", "KEY_PERSON", "DRUG");
        UUID helper = UUID.randomUUID();
        String helperName = "蒋辅" + helper.toString().substring(0, 3);
        jdbc.sql("INSERT INTO staff (id, unit_id, role, name) SELECT ?, unit_id, 'AUXILIARY_POLICE', ? FROM grid WHERE id = ?")
                .params(helper, helperName, grid).update();
        String today = LocalDate.now(ZoneId.of("Asia/Shanghai")).toString();

        login("officer");
        page.navigate(url("/key-persons/" + person));
        assertThat(page.locator("#contact-card")).hasText("未发放");
        page.click("#contact-card-action summary");
        assertThat(page.locator("#contact-card-on")).hasValue(today);
        page.click("#contact-card-form button[type=submit]");
        assertThat(page.locator("#contact-card")).hasText(today);
        assertThat(jdbc.sql("SELECT contact_card_on FROM household WHERE id = ?").param(household)
                .query(LocalDate.class).single()).hasToString(today);

        // at a visit: the box ticked, the visit lists the card
        page.fill("#visit-findings", "送达联系卡，本人在家");
        page.check("#key-visit-form input[name=contactCard]");
        page.click("#key-visit-form button[type=submit]");
        assertThat(page.locator(".visits .visit").first()).containsText("发放联系卡");
        assertThat(page.locator(".visits .visit").first()).containsText("发放警民联系卡（" + today + "）");

        // the helper offered by name leaves the service before the form is sent
        page.click("#team details summary");
        page.selectOption("#member-staff", helper.toString());
        jdbc.sql("UPDATE staff SET active = false WHERE id = ?").param(helper).update();
        page.selectOption("#member-role", "GRID_MANAGER");
        page.click("#member-form button[type=submit]");
        assertThat(page.locator("#member-form .form-status")).containsText(helperName + " 已停用，不再在岗，不能作为帮扶人");
        assertThat(jdbc.sql("SELECT count(*) FROM helper_membership WHERE person_id = ?").param(person)
                .query(Long.class).single()).isZero();
        shot("key-person-card");
    }
}
