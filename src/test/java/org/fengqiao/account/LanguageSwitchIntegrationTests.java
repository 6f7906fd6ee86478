package org.fengqiao.account;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.CookieStore;
import java.net.HttpCookie;
import java.net.URI;
import java.util.Map;
import java.util.UUID;
import org.fengqiao.jurisdiction.Jurisdictions;
import org.fengqiao.support.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The language switch of the page header ({@code ?lang=}) and the sign-in page's choice are for the session at hand: the
 * account's language, which every later sign-in brings, changes only on the profile page (audited, once per change). A
 * switch by somebody not signed in saves nothing either.
 */
class LanguageSwitchIntegrationTests extends IntegrationTest {

    static final String BROWSER = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8";
    static final String CHINESE = "zh-CN,zh;q=0.9";

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    StaffDirectory directory;
    @Autowired
    Jurisdictions jurisdictions;

    @Test
    void aLanguageSwitchedWhileSignedInLastsTheSessionAndLeavesTheAccountsLanguageAsItWas() {
        String username = TestStaff.uniqueUsername("lang");
        UUID id = TestStaff.officerWithSignIn(directory, jurisdictions, username).id().value();
        ApiClient browser = new ApiClient(port).signedIn(username, TestStaff.PASSWORD, null);
        assertThat(language(home(browser))).as("a new profile reads Chinese").isEqualTo("zh-CN");

        assertThat(language(browser.get("/staff?lang=en", null, "Accept", BROWSER).body())).isEqualTo("en");
        assertThat(language(home(browser))).as("the session's next pages too").isEqualTo("en");
        assertThat(locale(id)).as("the account's language is not changed by a look in English").isEqualTo("zh-CN");
        assertThat(languageChanges(id)).isZero();

        // signed out and in again without choosing: the profile's Chinese, though this browser last read English, and
        // Chinese in a browser that never chose
        assertThat(browser.form("/logout", Map.of("_csrf", browser.csrfFrom("/"))).statusCode()).isEqualTo(302);
        assertThat(language(home(browser.signedIn(username, TestStaff.PASSWORD, null)))).isEqualTo("zh-CN");
        assertThat(language(home(new ApiClient(port).signedIn(username, TestStaff.PASSWORD, null)))).isEqualTo("zh-CN");

        // English chosen on the sign-in page: the session it opens reads English, the account still Chinese
        ApiClient chose = new ApiClient(port);
        assertThat(language(chose.get("/login?lang=en", null, "Accept", BROWSER).body())).isEqualTo("en");
        assertThat(chose.formLogin(username, TestStaff.PASSWORD).statusCode()).isEqualTo(302);
        assertThat(language(home(chose))).isEqualTo("en");
        assertThat(locale(id)).isEqualTo("zh-CN");
        assertThat(languageChanges(id)).isZero();
    }

    @Test
    void theProfilePageChangesTheAccountsLanguageForEverySignInAfter() {
        String username = TestStaff.uniqueUsername("langs");
        UUID id = TestStaff.officerWithSignIn(directory, jurisdictions, username).id().value();
        ApiClient browser = new ApiClient(port).signedIn(username, TestStaff.PASSWORD, null);
        String profile = browser.get("/profile", null, "Accept", BROWSER).body();
        assertThat(profile).contains("id=\"locale-hint\"", "只切换本次登录的显示语言");

        assertThat(browser.form("/profile", Map.of("phone", "13900000000", "locale", "en", "_csrf", browser.csrfFrom("/profile")))
                .statusCode()).isEqualTo(302);
        assertThat(locale(id)).isEqualTo("en");
        assertThat(languageChanges(id)).as("audited").isEqualTo(1);
        assertThat(language(home(browser))).as("at once").isEqualTo("en");
        assertThat(language(home(new ApiClient(port).signedIn(username, TestStaff.PASSWORD, null))))
                .as("and at the next sign-in, in any browser").isEqualTo("en");
        assertThat(browser.get("/profile", null, "Accept", BROWSER).body())
                .contains("switch this session only: choose here and save");

        // a session switched back to Chinese by the header still leaves the account English
        browser.get("/?lang=zh-CN", null, "Accept", BROWSER);
        assertThat(language(home(browser))).isEqualTo("zh-CN");
        assertThat(locale(id)).isEqualTo("en");
        assertThat(languageChanges(id)).isEqualTo(1);
    }

    @Test
    void aSignedInSessionNamingNoLanguageReadsItsProfilesLanguageBeforeTheBrowsersAcceptLanguage() {
        String username = TestStaff.uniqueUsername("langp");
        UUID id = TestStaff.officerWithSignIn(directory, jurisdictions, username).id().value();
        jdbc.sql("UPDATE staff SET locale = 'en' WHERE id = ?").param(id).update();
        ApiClient browser = new ApiClient(port);
        // before signing in the browser's Accept-Language is all there is
        assertThat(language(browser.get("/login", null, "Accept", BROWSER, "Accept-Language", CHINESE).body()))
                .isEqualTo("zh-CN");
        assertThat(language(new ApiClient(port).get("/login", null, "Accept", BROWSER, "Accept-Language", "en")
                .body())).isEqualTo("en");

        // signed in, the language cookie then cleared: the profile's English, not the browser's Chinese
        browser.signedIn(username, TestStaff.PASSWORD, null);
        CookieStore cookies = browser.cookies().getCookieStore();
        cookies.getCookies().stream().filter(c -> c.getName().equals("fq_lang")).toList()
                .forEach(c -> cookies.remove(null, c));
        assertThat(language(browser.get("/", null, "Accept", BROWSER, "Accept-Language", CHINESE).body()))
                .isEqualTo("en");
        assertThat(language(browser.get("/", null, "Accept", BROWSER).body())).as("no Accept-Language").isEqualTo("en");

        // a language the request names itself wins: the cookie saying Chinese
        HttpCookie chinese = new HttpCookie("fq_lang", "zh-CN");
        chinese.setPath("/");
        chinese.setVersion(0);
        cookies.add(URI.create("http://localhost:" + port + "/"), chinese);
        assertThat(language(browser.get("/", null, "Accept", BROWSER, "Accept-Language", "en").body()))
                .isEqualTo("zh-CN");

        // the profile as it is now: switched to Chinese on the profile page in another browser, this one's next page
        // follows it
        cookies.remove(null, chinese);
        ApiClient other = new ApiClient(port).signedIn(username, TestStaff.PASSWORD, null);
        other.form("/profile", Map.of("phone", "13900000000", "locale", "zh-CN", "_csrf", other.csrfFrom("/profile")));
        assertThat(locale(id)).isEqualTo("zh-CN");
        assertThat(language(browser.get("/", null, "Accept", BROWSER, "Accept-Language", "en").body()))
                .isEqualTo("zh-CN");
    }

    /** The security administrator's list of officers named 李, switched to English, is still that list. */
    @Test
    void theHeadersLanguageLinkLeadsToTheSameFilteredListInTheOtherLanguage() {
        ApiClient security = new ApiClient(port).signedIn("security", DEMO_PASSWORD, null);
        String list = security.get("/staff?role=COMMUNITY_OFFICER&q=%E6%9D%8E", null, "Accept", BROWSER).body();
        java.util.regex.Matcher link = java.util.regex.Pattern.compile("<a href=\"([^\"]+)\"[^>]*lang=\"en\"")
                .matcher(list);
        assertThat(link.find()).isTrue();
        String english = link.group(1).replace("&amp;", "&");
        assertThat(english).isEqualTo("?role=COMMUNITY_OFFICER&q=%E6%9D%8E&lang=en");
        String read = security.get("/staff" + english, null, "Accept", BROWSER).body();
        assertThat(language(read)).isEqualTo("en");
        assertThat(read).contains("李建国", "Community officer").doesNotContain("王海涛");
    }

    @Test
    void aSwitchOnThePublicReportPageSavesNothing() {
        long english = jdbc.sql("SELECT count(*) FROM staff WHERE locale = 'en'").query(Long.class).single();
        long staffChanges = jdbc.sql("SELECT count(*) FROM audit_entry WHERE record_type = 'staff'").query(Long.class).single();
        ApiClient resident = new ApiClient(port);
        assertThat(language(resident.get("/report?lang=en", null, "Accept", BROWSER).body())).isEqualTo("en");
        assertThat(jdbc.sql("SELECT count(*) FROM staff WHERE locale = 'en'").query(Long.class).single()).isEqualTo(english);
        assertThat(jdbc.sql("SELECT count(*) FROM audit_entry WHERE record_type = 'staff'").query(Long.class).single())
                .isEqualTo(staffChanges);
    }

    /** The language a page is written in, as its html element says. */
    private static String language(String html) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("<html[^>]*\\slang=\"([^\"]+)\"").matcher(html);
        assertThat(m.find()).as("a page").isTrue();
        return m.group(1);
    }

    private String home(ApiClient browser) {
        return browser.get("/", null, "Accept", BROWSER).body();
    }

    private String locale(UUID id) {
        return jdbc.sql("SELECT locale FROM staff WHERE id = ?").param(id).query(String.class).single();
    }

    private long languageChanges(UUID id) {
        return jdbc.sql("""
                SELECT count(*) FROM audit_entry WHERE record_type = 'staff' AND record_id = ? AND action = 'UPDATE'
                AND before->>'locale' IS DISTINCT FROM after->>'locale'""").param(id.toString()).query(Long.class).single();
    }
}
