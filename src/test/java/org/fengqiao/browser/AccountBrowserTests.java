package org.fengqiao.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.Page;
import java.nio.file.Path;
import java.nio.file.Paths;
import org.fengqiao.account.StaffDirectory;
import org.fengqiao.account.TestStaff;
import org.fengqiao.jurisdiction.Jurisdictions;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

class AccountBrowserTests extends BrowserTest {

    @Autowired
    StaffDirectory directory;
    @Autowired
    Jurisdictions jurisdictions;
    @Autowired
    org.springframework.jdbc.core.simple.JdbcClient jdbc;
    @Autowired
    org.fengqiao.account.internal.StaffRegister register;

    @Test
    void officerLogsInThroughTheLoginPageAndSeesHisNameAndUnitOnTheHomePage() {
        login("officer");
        assertThat(page.locator("#me-name")).hasText("李建国");
        assertThat(page.locator("#me-unit")).hasText("房山中心警务室");
        assertThat(page.locator("#me-role")).hasText("社区民警");
        assertThat(page.locator("#tile-staff")).isVisible();
    }

    @Test
    void switchingToEnglishChangesThePageLanguage() {
        login("officer");
        page.click("nav a:text-is('English')");
        assertThat(page.locator("html")).hasAttribute("lang", "en");
        assertThat(page.locator("#me-role")).hasText("Community officer");
        page.navigate(url("/staff"));
        assertThat(page.locator("h1")).hasText("Staff");
        page.click("nav a:text-is('中文')");
        assertThat(page.locator("h1")).hasText("人员");
    }

    @Test
    void englishChosenOnTheSignInPageIsForThatSessionAndTheProfilePageKeepsItForTheNextSignIns() {
        String saved = jdbc.sql("SELECT locale FROM staff WHERE username = 'chief'").query(String.class).single();
        assertThat(saved).as("the demo station chief reads Chinese").isEqualTo("zh-CN");
        try {
            page.navigate(url("/login"));
            page.click("nav a:text-is('English')");
            assertThat(page.locator("h1")).hasText("Sign in");
            signInOnThisPage("chief");
            assertThat(page.locator("html")).hasAttribute("lang", "en");
            assertThat(page.locator("#me-role")).hasText("Station chief");
            assertThat(jdbc.sql("SELECT locale FROM staff WHERE username = 'chief'").query(String.class).single())
                    .as("a choice for this session: the account's language is its own").isEqualTo("zh-CN");

            // signed out and in again without choosing: the profile's Chinese, over the cookie's English
            page.click("nav button[type=submit]");
            login("chief");
            assertThat(page.locator("html")).hasAttribute("lang", "zh-CN");
            assertThat(page.locator("#me-role")).hasText("派出所所长");

            // English chosen and saved on the profile page: at once, and at the next sign-in in another browser
            page.navigate(url("/profile"));
            page.selectOption("#locale", "en");
            page.click("#save-profile");
            assertThat(page.locator("html")).hasAttribute("lang", "en");
            assertThat(jdbc.sql("SELECT locale FROM staff WHERE username = 'chief'").query(String.class).single())
                    .isEqualTo("en");
            try (var other = browser.newContext(contextOptions())) {
                page = other.newPage();
                login("chief");
                assertThat(page.locator("html")).hasAttribute("lang", "en");
                page.navigate(url("/staff"));
                assertThat(page.locator("h1")).hasText("Staff");
            }
        } finally {
            register.setLocale(chief(), saved);
        }
    }

    private java.util.UUID chief() {
        return jdbc.sql("SELECT id FROM staff WHERE username = 'chief'").query(java.util.UUID.class).single();
    }

    private void signInOnThisPage(String username) {
        page.fill("#username", username);
        page.fill("#password", DEMO_PASSWORD);
        page.click("form[action$='/login'] button[type=submit]");
        page.waitForURL(u -> !u.contains("/login"));
    }

    @Test
    void aWrongPasswordShowsTheErrorOnTheLoginPage() {
        String username = TestStaff.uniqueUsername("bw");
        TestStaff.officerWithSignIn(directory, jurisdictions, username);
        page.navigate(url("/login"));
        page.fill("#username", username);
        page.fill("#password", "Not-the-password-1");
        page.click("form button[type=submit]");
        assertThat(page.locator("#login-error")).hasText("用户名或密码错误");
        assertThat(page).hasURL(url("/login?error=bad"));
    }

    @Test
    void theStaffListShowsOnlyTheOfficersSubtree() {
        login("officer");
        page.navigate(url("/staff?q=陈红梅"));
        assertThat(page.locator("a.staff-name").filter(new com.microsoft.playwright.Locator.FilterOptions().setHasText("陈红梅"))).hasCount(1);
        assertThat(page.locator("table.staff")).containsText("138****0003");
        page.navigate(url("/staff?q=张卫东"));
        assertThat(page.locator("a.staff-name")).hasCount(0);
        page.navigate(url("/staff?q=王所长"));
        assertThat(page.locator("a.staff-name")).hasCount(0);
        page.navigate(url("/staff"));
        assertThat(page.locator("table.staff")).not().containsText("牛山");
        page.navigate(url("/staff?q=李建国"));
        assertThat(page.locator("a.staff-name").filter(new com.microsoft.playwright.Locator.FilterOptions().setHasText("李建国"))).hasCount(1);

        page.locator("a.staff-name", new Page.LocatorOptions().setHasText("李建国")).click();
        assertThat(page.locator("#person-name")).hasText("李建国");
        assertThat(page.locator("table.terms")).containsText("网格长");
    }

    @Test
    void changingThePasswordThroughTheProfileFormWorks() {
        String username = TestStaff.uniqueUsername("bp");
        TestStaff.officerWithSignIn(directory, jurisdictions, username);
        login(username, TestStaff.PASSWORD);
        page.navigate(url("/profile"));

        page.fill("#currentPassword", TestStaff.PASSWORD);
        page.fill("#newPassword", "short");
        page.fill("#confirmPassword", "short");
        page.click("#change-password");
        assertThat(page.locator("ul.problems")).containsText("密码至少 8 个字符");

        page.fill("#currentPassword", TestStaff.PASSWORD);
        page.fill("#newPassword", "Profile-New-2026");
        page.fill("#confirmPassword", "Profile-New-2026");
        page.click("#change-password");
        assertThat(page.locator("p.notice")).containsText("密码已修改");

        page.click("nav button[type=submit]");
        assertThat(page.locator("main")).containsText("您已安全退出");
        login(username, "Profile-New-2026");
        assertThat(page.locator("#me-name")).isVisible();
    }

    @Test
    void theSecurityAdministratorCreatesASignInChangesTheRoleAndDisablesTheAccountThroughTheForms() {
        var unit = jurisdictions.unitByCode(TestStaff.RURAL_OFFICE).orElseThrow();
        var person = directory.register(unit.id(), org.fengqiao.account.StaffRole.GRID_MEMBER, "吴网格", null,
                "13911112222", null, null, null);
        String username = TestStaff.uniqueUsername("bs");
        login("security");
        page.navigate(url("/staff/" + person.id()));
        // he gives the sign-in and the role; neither needs the person's phone
        assertThat(page.locator("#person-phone")).hasText("139****2222");

        page.fill("#acc-username", username);
        page.fill("#acc-password", "Initial-Pass-2026");
        page.click("form[action$='/account'] button[type=submit]");
        assertThat(page.locator("p.notice")).hasText("账号已开通；此人首次登录须先修改初始密码");

        page.selectOption("#role-select", "AUXILIARY_POLICE");
        page.click("form[action$='/role'] button[type=submit]");
        assertThat(page.locator("p.notice")).hasText("角色已变更");
        assertThat(page.locator("#person-role")).hasText("辅警");

        // Disabling asks for confirmation through static/js/app.js; accepting the dialog goes ahead.
        page.onDialog(dialog -> dialog.accept());
        page.click("form[action$='/active'] button[type=submit]");
        assertThat(page.locator("p.notice")).containsText("账号已停用");
        assertThat(directory.byUsername(username).orElseThrow().active()).isFalse();
    }

    @Test
    void theHomePageFitsAPhoneScreen() {
        try (var phone = browser.newContext(new Browser.NewContextOptions().setLocale("zh-CN")
                .setViewportSize(390, 844).setDeviceScaleFactor(2).setIsMobile(true).setHasTouch(true))) {
            page = phone.newPage();
            login("officer");
            assertThat(page.locator("#me-name")).hasText("李建国");
            // the dispute tiles (矛盾纠纷, 本周排查) sit within the screen with the others
            assertThat(page.locator("#tile-mediation")).isVisible();
            assertThat(page.locator("#tile-mediation-screening")).isVisible();
            Object overflow = page.evaluate("() => document.documentElement.scrollWidth - document.documentElement.clientWidth");
            assertThat(((Number) overflow).intValue()).isLessThanOrEqualTo(0);
            Path shot = Paths.get("target", "screenshots", "home-phone.png");
            page.screenshot(new Page.ScreenshotOptions().setPath(shot).setFullPage(true));
            assertThat(shot).exists();
        }
    }
}
