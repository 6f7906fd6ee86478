package org.fengqiao.account;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.Map;
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

    @BeforeEach
    void createPerson() {
        api = new ApiClient(port);
        username = TestStaff.uniqueUsername("pw");
        TestStaff.officerWithSignIn(directory, jurisdictions, username);
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
                .findValuesAsText("message")).containsExactly("密码须包含小写字母、大写字母、数字、符号中的至少三种");
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
                .containsExactly("The password needs at least three of: lower case, upper case, digits, symbols");
        assertThat(ApiClient.json(change(token, TestStaff.PASSWORD, "X1-" + username, "en")).get("errors")
                .findValuesAsText("message")).containsExactly("The password must not contain the user name");
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
