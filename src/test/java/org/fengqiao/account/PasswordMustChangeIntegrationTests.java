package org.fengqiao.account;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.util.Map;
import org.fengqiao.jurisdiction.Jurisdictions;
import org.fengqiao.support.IntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * 等保 (首次登录修改初始口令): a password somebody else chose, the security administrator's initial password for a new
 * sign-in or his reset, is changed by its holder before he reaches anything but his profile, on the pages and through
 * the API alike. Each test gives a sign-in to a person it made itself.
 */
class PasswordMustChangeIntegrationTests extends IntegrationTest {

    static final String INITIAL = "Initial-Pass-2026";
    static final String OWN = "My-Own-Pass-2026";

    @LocalServerPort
    int port;
    @Autowired
    StaffDirectory directory;
    @Autowired
    Jurisdictions jurisdictions;

    ApiClient api;
    Staff person;
    String username;

    @BeforeEach
    void aPersonGivenASignInByTheSecurityAdministrator() {
        api = new ApiClient(port);
        var unit = jurisdictions.unitByCode(TestStaff.RURAL_OFFICE).orElseThrow();
        person = directory.register(unit.id(), StaffRole.AUXILIARY_POLICE, "冯辅警", null, null, null, null, null);
        username = TestStaff.uniqueUsername("must");
        assertThat(api.send("POST", "/api/v1/staff/" + person.id() + "/account", api.token("security", DEMO_PASSWORD),
                Map.of("username", username, "password", INITIAL)).statusCode()).isEqualTo(200);
    }

    @Test
    void throughTheApiOnlyWhoIAmAndTheChangeOfMyPasswordAnswerUntilIChangeIt() {
        String token = api.token(username, INITIAL);

        HttpResponse<String> refused = api.get("/api/v1/persons?q=张", token);
        assertThat(refused.statusCode()).isEqualTo(403);
        JsonNode problem = ApiClient.json(refused);
        assertThat(problem.get("type").asText()).endsWith("/password-must-change");
        assertThat(problem.get("title").asText()).startsWith("您的密码由他人设置");
        assertThat(ApiClient.json(api.get("/api/v1/incidents", token, "Accept-Language", "en")).get("title").asText())
                .startsWith("Your password was set by someone else");
        HttpResponse<String> me = api.get("/api/v1/me", token);
        assertThat(me.statusCode()).isEqualTo(200);
        assertThat(ApiClient.json(me).get("passwordMustChange").asBoolean()).isTrue();

        assertThat(api.send("PUT", "/api/v1/me/password", token,
                Map.of("currentPassword", INITIAL, "newPassword", OWN)).statusCode()).isEqualTo(204);
        String own = api.token(username, OWN);
        assertThat(api.get("/api/v1/persons?q=张", own).statusCode()).isEqualTo(200);
        assertThat(ApiClient.json(api.get("/api/v1/me", own)).get("passwordMustChange").asBoolean()).isFalse();
    }

    /**
     * A write is refused as a read is: the audit administrator's rule, which matches every write before this one, let
     * any other person's write through unchanged (a report filed with a password the security administrator chose).
     */
    @Test
    void aWriteIsRefusedLikeAReadUntilThePasswordIsChanged() {
        String token = api.token(username, INITIAL);
        HttpResponse<String> filed = api.send("POST", "/api/v1/incidents", token, Map.of("title", "未改密码时上报"));
        assertThat(filed.statusCode()).isEqualTo(403);
        assertThat(ApiClient.json(filed).get("type").asText()).endsWith("/password-must-change");

        ApiClient pages = new ApiClient(port).signedIn(username, INITIAL, null);
        String csrf = pages.csrfFrom("/profile");
        HttpResponse<String> posted = pages.form("/incidents", Map.of("title", "未改密码时上报", "_csrf", csrf),
                "Accept", "text/html");
        assertThat(posted.statusCode()).isEqualTo(302);
        assertThat(posted.headers().firstValue("Location").orElseThrow()).endsWith("/profile?passwordMustChange");
    }

    @Test
    void onThePagesEveryPageLeadsToTheProfileUntilThePasswordIsChangedAndAResetAsksAgain() {
        ApiClient pages = new ApiClient(port).signedIn(username, INITIAL, null);
        HttpResponse<String> home = pages.get("/", null, "Accept", "text/html");
        assertThat(home.statusCode()).isEqualTo(302);
        assertThat(home.headers().firstValue("Location").orElseThrow()).endsWith("/profile?passwordMustChange");
        assertThat(pages.get("/persons", null, "Accept", "text/html").headers().firstValue("Location").orElseThrow())
                .endsWith("/profile?passwordMustChange");
        HttpResponse<String> profile = pages.get("/profile?passwordMustChange", null, "Accept", "text/html");
        assertThat(profile.statusCode()).isEqualTo(200);
        assertThat(profile.body()).contains("id=\"password-must-change\"", "您的密码由他人设置");

        String csrf = pages.csrfFrom("/profile");
        assertThat(pages.form("/profile/password", Map.of("currentPassword", INITIAL, "newPassword", OWN,
                "confirmPassword", OWN, "_csrf", csrf)).statusCode()).isEqualTo(302);
        assertThat(pages.get("/", null, "Accept", "text/html").statusCode()).isEqualTo(200);
        assertThat(pages.get("/profile", null, "Accept", "text/html").body()).doesNotContain("id=\"password-must-change\"");

        // the security administrator resets it: the next sign-in is sent to change it again
        ApiClient security = new ApiClient(port).signedIn("security", DEMO_PASSWORD, null);
        assertThat(security.form("/staff/" + person.id() + "/password", Map.of("password", INITIAL, "_csrf",
                security.csrfFrom("/staff/" + person.id()))).statusCode()).isEqualTo(302);
        ApiClient again = new ApiClient(port).signedIn(username, INITIAL, null);
        assertThat(again.get("/", null, "Accept", "text/html").headers().firstValue("Location").orElseThrow())
                .endsWith("/profile?passwordMustChange");
    }

    /**
     * The security administrator who gave a sign-in or reset a password sees on the person's page, and in the API,
     * whether the password he chose is still the one in use: the holder has not signed in to change it yet.
     */
    @Test
    void theSecurityAdministratorSeesWhetherThePasswordHeChoseIsYetToBeChanged() {
        String security = api.token("security", DEMO_PASSWORD);
        assertThat(ApiClient.json(api.get("/api/v1/staff/" + person.id(), security)).path("passwordMustChange")
                .asBoolean(false)).as("the answer says the password is yet to be changed").isTrue();
        ApiClient pages = new ApiClient(port).signedIn("security", DEMO_PASSWORD, null);
        assertThat(pages.get("/staff/" + person.id(), null, "Accept", "text/html").body())
                .contains("id=\"password-must-change\"", "密码由他人设置，本人尚未修改");

        String token = api.token(username, INITIAL);
        assertThat(api.send("PUT", "/api/v1/me/password", token,
                Map.of("currentPassword", INITIAL, "newPassword", OWN)).statusCode()).isEqualTo(204);
        assertThat(ApiClient.json(api.get("/api/v1/staff/" + person.id(), security)).path("passwordMustChange")
                .asBoolean(true)).isFalse();
        assertThat(pages.get("/staff/" + person.id(), null, "Accept", "text/html").body())
                .doesNotContain("id=\"password-must-change\"");
    }
}
