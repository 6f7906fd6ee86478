package org.fengqiao.account;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.Map;
import org.fengqiao.account.internal.PasswordPolicy;
import org.fengqiao.jurisdiction.Jurisdictions;
import org.fengqiao.support.IntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/** Changing one's own password, on a person each test creates (never a demo user). */
class PasswordChangeIntegrationTests extends IntegrationTest {

    @LocalServerPort
    int port;
    @Autowired
    StaffDirectory directory;
    @Autowired
    Jurisdictions jurisdictions;

    ApiClient api;
    String username;
    Staff person;

    @BeforeEach
    void createPerson() {
        api = new ApiClient(port);
        username = TestStaff.uniqueUsername("pw");
        person = TestStaff.officerWithSignIn(directory, jurisdictions, username);
    }

    private HttpResponse<String> change(String token, String current, String next, String language) {
        return api.send("PUT", "/api/v1/me/password", token, Map.of("currentPassword", current, "newPassword", next),
                "Accept-Language", language);
    }

    @Test
    void thePolicyRejectsShortTwoKindAndUserNamePasswordsWithAMessagePerRuleInChinese() {
        String token = api.token(username, TestStaff.PASSWORD);
        assertThat(ApiClient.json(change(token, TestStaff.PASSWORD, "Ab1!", "zh-CN")).get("errors")
                .findValuesAsText("message")).containsExactly("密码至少 8 个字符");
        assertThat(ApiClient.json(change(token, TestStaff.PASSWORD, "abcdefgh123", "zh-CN")).get("errors")
                .findValuesAsText("message")).containsExactly("密码须包含小写字母、大写字母、数字、符号中的至少 3 种");
        HttpResponse<String> withName = change(token, TestStaff.PASSWORD, "X1-" + username, "zh-CN");
        assertThat(withName.statusCode()).isEqualTo(400);
        assertThat(ApiClient.json(withName).get("errors").findValuesAsText("message")).containsExactly("密码不能包含用户名");
        assertThat(ApiClient.json(withName).get("errors").findValuesAsText("field")).containsExactly("newPassword");
    }

    @Test
    void thePolicyMessagesComeInEnglishWithAcceptLanguageEn() {
        String token = api.token(username, TestStaff.PASSWORD);
        assertThat(ApiClient.json(change(token, TestStaff.PASSWORD, "Ab1!", "en")).get("errors")
                .findValuesAsText("message")).containsExactly("The password needs at least 8 characters");
        assertThat(ApiClient.json(change(token, TestStaff.PASSWORD, "abcdefgh123", "en")).get("errors")
                .findValuesAsText("message"))
                .containsExactly("The password needs at least 3 of the 4 kinds: lower case, upper case, digits, symbols");
        assertThat(ApiClient.json(change(token, TestStaff.PASSWORD, "X1-" + username, "en")).get("errors")
                .findValuesAsText("message")).containsExactly("The password must not contain the user name");
    }

    /**
     * The hint under a new password tells the limits the check applies, in either language: it said "8 位, 三种"
     * whatever the rules were.
     */
    @Test
    void theHintUnderEveryNewPasswordNamesTheLimitsTheCheckApplies() {
        String chinese = "密码至少 " + PasswordPolicy.MIN_LENGTH + " 位，须包含小写字母、大写字母、数字、符号中的至少 "
                + PasswordPolicy.MIN_KINDS + " 种，且不能包含用户名。";
        String english = "At least " + PasswordPolicy.MIN_LENGTH + " characters, with " + PasswordPolicy.MIN_KINDS
                + " of the " + PasswordPolicy.KINDS + " kinds: lower case, upper case, digits, symbols; not containing "
                + "the user name.";
        assertThat(hints(new ApiClient(port).signedIn(username, TestStaff.PASSWORD, null), "/profile"))
                .containsExactly(chinese);
        assertThat(hints(new ApiClient(port).signedIn(username, TestStaff.PASSWORD, "en"), "/profile"))
                .containsExactly(english);

        // the security administrator's reset of a person's password, and the initial one of a new sign-in
        ApiClient security = new ApiClient(port).signedIn("security", DEMO_PASSWORD, null);
        var unit = jurisdictions.unitByCode(TestStaff.RURAL_OFFICE).orElseThrow();
        Staff without = directory.register(unit.id(), StaffRole.VOLUNTEER, "无账号志愿者", null, null, null, null, null);
        assertThat(hints(security, "/staff/" + person.id())).containsExactly(chinese);
        assertThat(hints(security, "/staff/" + without.id())).containsExactly(chinese);
        assertThat(security.get("/staff/" + person.id(), null, "Accept", "text/html").body())
                .contains("minlength=\"" + PasswordPolicy.MIN_LENGTH + "\"");
        assertThat(hints(new ApiClient(port).signedIn("security", DEMO_PASSWORD, "en"), "/staff/" + person.id()))
                .containsExactly(english);
    }

    private static java.util.List<String> hints(ApiClient pages, String path) {
        HttpResponse<String> page = pages.get(path, null, "Accept", "text/html");
        assertThat(page.statusCode()).isEqualTo(200);
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("class=\"hint password-hint\">([^<]*)<")
                .matcher(page.body());
        java.util.List<String> found = new java.util.ArrayList<>();
        while (m.find()) {
            found.add(org.springframework.web.util.HtmlUtils.htmlUnescape(m.group(1)));
        }
        return found;
    }

    @Test
    void aWrongCurrentPasswordIsRefusedAndChangesNothing() {
        String token = api.token(username, TestStaff.PASSWORD);
        HttpResponse<String> refused = change(token, "Not-the-password-1", "Brand-New-2026", "zh-CN");
        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(ApiClient.json(refused).get("errors").findValuesAsText("field")).containsExactly("currentPassword");
        assertThat(api.token(username, TestStaff.PASSWORD)).isNotBlank();
    }

    @Test
    void aMissingCurrentPasswordIsAFieldError() {
        String token = api.token(username, TestStaff.PASSWORD);
        HttpResponse<String> missing = api.send("PUT", "/api/v1/me/password", token, Map.of("newPassword", "Brand-New-2026"));
        assertThat(missing.statusCode()).isEqualTo(400);
        assertThat(ApiClient.json(missing).get("errors").findValuesAsText("message")).containsExactly("请输入当前密码");
    }

    @Test
    void changingThePasswordRevokesEveryApiTokenOfThatPerson() {
        String first = api.token(username, TestStaff.PASSWORD);
        String second = api.token(username, TestStaff.PASSWORD);
        // both in use just before (their holders are remembered for a second): the change must end them at once
        assertThat(api.get("/api/v1/me", first).statusCode()).isEqualTo(200);
        assertThat(api.get("/api/v1/me", second).statusCode()).isEqualTo(200);
        assertThat(change(first, TestStaff.PASSWORD, "Brand-New-2026", "zh-CN").statusCode()).isEqualTo(204);

        assertThat(api.get("/api/v1/me", first).statusCode()).isEqualTo(401);
        assertThat(api.get("/api/v1/me", second).statusCode()).isEqualTo(401);
        assertThat(api.send("POST", "/api/v1/auth/token", null, Map.of("username", username, "password", TestStaff.PASSWORD))
                .statusCode()).isEqualTo(401);
        String fresh = api.token(username, "Brand-New-2026");
        assertThat(api.get("/api/v1/me", fresh).statusCode()).isEqualTo(200);
    }
}
