package org.fengqiao.account;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.Map;
import org.fengqiao.account.internal.StaffRegister;
import org.fengqiao.jurisdiction.Jurisdictions;
import org.fengqiao.platform.FengqiaoProperties;
import org.fengqiao.platform.web.LocalTimes;
import org.fengqiao.support.IntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * 等保 2.0 (GB/T 22239) 定期更换, 不重复使用: a password expires FENGQIAO_PASSWORD_MAX_AGE after it was set (90 days
 * here) and its holder is warned a week before; an expired one signs in, and then nothing answers but the change of
 * it, on the pages and through the API; a new password may not be one of the last FENGQIAO_PASSWORD_HISTORY (5). Each
 * test makes its own person and sets the time his password was set back, as months passing would.
 */
class PasswordExpiryIntegrationTests extends IntegrationTest {

    static final String HTML = "text/html";

    @LocalServerPort
    int port;
    @Autowired
    StaffDirectory directory;
    @Autowired
    Jurisdictions jurisdictions;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    FengqiaoProperties properties;
    @Autowired
    StaffRegister register;
    @Autowired
    PasswordEncoder encoder;

    ApiClient api;
    Staff person;
    String username;

    @BeforeEach
    void aPersonWithASignIn() {
        api = new ApiClient(port);
        username = TestStaff.uniqueUsername("age");
        person = TestStaff.officerWithSignIn(directory, jurisdictions, username);
    }

    /** His password set {@code days} days ago. */
    private void passwordSetDaysAgo(long days) {
        jdbc.sql("UPDATE staff SET password_changed_at = now() - make_interval(days => ?) WHERE id = ?")
                .params((int) days, person.id().value()).update();
    }

    private long auditEntries(String action, String field, String value) {
        return jdbc.sql("SELECT count(*) FROM audit_entry WHERE record_type = 'staff' AND record_id = ? AND action = ?"
                + " AND after ->> '" + field + "' = ?")
                .params(person.id().value().toString(), action, value).query(Long.class).single();
    }

    @Test
    void anExpiredPasswordGetsATokenWhoseCallsAreRefusedAsExpiredUntilItIsChanged() {
        passwordSetDaysAgo(91);
        HttpResponse<String> signedIn = api.send("POST", "/api/v1/auth/token", null,
                Map.of("username", username, "password", TestStaff.PASSWORD));
        assertThat(signedIn.statusCode()).as("an expired password still signs in").isEqualTo(200);
        assertThat(ApiClient.json(signedIn).get("passwordExpired").asBoolean()).isTrue();
        String token = ApiClient.json(signedIn).get("token").asText();

        HttpResponse<String> refused = api.get("/api/v1/persons?q=张", token);
        assertThat(refused.statusCode()).isEqualTo(403);
        JsonNode problem = ApiClient.json(refused);
        assertThat(problem.get("type").asText()).endsWith("/password-expired");
        assertThat(problem.get("title").asText()).isEqualTo("您的密码已超过有效期，请先修改密码，再使用平台的其他功能");
        assertThat(ApiClient.json(api.send("POST", "/api/v1/incidents", token, Map.of("title", "过期密码上报"),
                "Accept-Language", "en")).get("title").asText())
                .isEqualTo("Your password has expired: change it before using anything else");
        JsonNode me = ApiClient.json(api.get("/api/v1/me", token));
        assertThat(me.get("passwordExpired").asBoolean()).isTrue();
        assertThat(me.get("passwordMustChange").asBoolean()).isFalse();
        assertThat(auditEntries("SIGN_IN", "outcome", "ok, password expired")).isEqualTo(1);

        assertThat(api.send("PUT", "/api/v1/me/password", token,
                Map.of("currentPassword", TestStaff.PASSWORD, "newPassword", "Renewed-Pass-2027")).statusCode())
                .isEqualTo(204);
        String renewed = api.token(username, "Renewed-Pass-2027");
        assertThat(api.get("/api/v1/persons?q=张", renewed).statusCode()).isEqualTo(200);
        JsonNode after = ApiClient.json(api.get("/api/v1/me", renewed));
        assertThat(after.get("passwordExpired").asBoolean()).isFalse();
        assertThat(Instant.parse(after.get("passwordExpiresAt").asText()))
                .isAfter(Instant.now().plus(Duration.ofDays(89)));
        assertThat(auditEntries("UPDATE", "forcedBy", "expired")).as("the change the expiry forced").isEqualTo(1);
    }

    @Test
    void onThePagesAnExpiredPasswordLeadsEveryPageToTheProfileWhichSaysWhy() {
        passwordSetDaysAgo(120);
        ApiClient pages = new ApiClient(port).signedIn(username, TestStaff.PASSWORD, null);
        HttpResponse<String> home = pages.get("/", null, "Accept", HTML);
        assertThat(home.statusCode()).isEqualTo(302);
        assertThat(home.headers().firstValue("Location").orElseThrow()).endsWith("/profile?passwordExpired");
        assertThat(pages.get("/persons", null, "Accept", HTML).headers().firstValue("Location").orElseThrow())
                .endsWith("/profile?passwordExpired");
        String profile = pages.get("/profile?passwordExpired", null, "Accept", HTML).body();
        assertThat(profile).contains("id=\"password-expired\"", "您的密码已超过有效期")
                .doesNotContain("id=\"password-must-change\"");
        // the security administrator sees whose password expired and is not changed yet
        ApiClient security = new ApiClient(port).signedIn("security", DEMO_PASSWORD, null);
        assertThat(security.get("/staff/" + person.id(), null, "Accept", HTML).body())
                .contains("id=\"password-expired\"", "密码已过期，本人尚未修改");
        String securityToken = api.token("security", DEMO_PASSWORD);
        assertThat(ApiClient.json(api.get("/api/v1/staff/" + person.id(), securityToken)).path("passwordExpired")
                .asBoolean(false)).isTrue();

        String csrf = pages.csrfFrom("/profile");
        assertThat(pages.form("/profile/password", Map.of("currentPassword", TestStaff.PASSWORD,
                "newPassword", "Renewed-Pass-2027", "confirmPassword", "Renewed-Pass-2027", "_csrf", csrf))
                .statusCode()).isEqualTo(302);
        assertThat(pages.get("/", null, "Accept", HTML).statusCode()).isEqualTo(200);
        assertThat(pages.get("/profile", null, "Accept", HTML).body()).doesNotContain("id=\"password-expired\"");
        assertThat(security.get("/staff/" + person.id(), null, "Accept", HTML).body())
                .doesNotContain("id=\"password-expired\"");
        assertThat(ApiClient.json(api.get("/api/v1/staff/" + person.id(), securityToken)).path("passwordExpired")
                .asBoolean(true)).isFalse();
    }

    @Test
    void theStartPageWarnsAWeekBeforeThePasswordExpiresAndSaysWhen() {
        passwordSetDaysAgo(85);
        Instant setAt = jdbc.sql("SELECT password_changed_at FROM staff WHERE id = ?").param(person.id().value())
                .query(java.time.OffsetDateTime.class).single().toInstant();
        String expiresOn = LocalDateTime.ofInstant(setAt.plus(Duration.ofDays(90)), LocalTimes.ZONE)
                .format(java.time.format.DateTimeFormatter.ofPattern(LocalTimes.TYPED_MINUTES));

        HttpResponse<String> home = new ApiClient(port).signedIn(username, TestStaff.PASSWORD, null)
                .get("/", null, "Accept", HTML);
        assertThat(home.statusCode()).as("not expired yet: the start page opens").isEqualTo(200);
        assertThat(home.body()).contains("id=\"password-expiring\"", "您的密码将于 " + expiresOn + " 过期");
        assertThat(new ApiClient(port).signedIn(username, TestStaff.PASSWORD, "en").get("/", null, "Accept", HTML)
                .body()).contains("Your password expires on " + expiresOn);

        passwordSetDaysAgo(82);
        assertThat(new ApiClient(port).signedIn(username, TestStaff.PASSWORD, null).get("/", null, "Accept", HTML)
                .body()).as("eight days before: no warning yet").doesNotContain("id=\"password-expiring\"");
    }

    /** The demo district's users have their passwords from the demo's load: a fresh demo has none expired. */
    @Test
    void theDemoUsersPasswordsDoNotExpireInAFreshDemo() {
        for (String demo : DEMO_LOGINS) {
            JsonNode me = ApiClient.json(api.get("/api/v1/me", api.token(demo, DEMO_PASSWORD)));
            assertThat(me.get("passwordExpired").asBoolean()).as(demo).isFalse();
            assertThat(Instant.parse(me.get("passwordExpiresAt").asText())).as(demo)
                    .isAfter(Instant.now().plus(properties.security().passwordMaxAge()).minus(Duration.ofDays(1)));
        }
    }

    @Test
    void aNewPasswordMayNotBeOneOfTheLastFiveButTheSixthBackIsAllowedAgain() {
        String[] passwords = {TestStaff.PASSWORD, "Second-Pass-2027", "Third-Pass-2027", "Fourth-Pass-2027",
                "Fifth-Pass-2027"};
        // four changes as the person's own would write them (through the API they take a token each: seconds)
        for (int i = 1; i < passwords.length; i++) {
            register.changePassword(person.id().value(), encoder.encode(passwords[i]), false, 4, Instant.now());
        }
        // the current one and four before it: the first is among the last five
        HttpResponse<String> reused = change(passwords[4], passwords[0], "zh-CN");
        assertThat(reused.statusCode()).isEqualTo(400);
        assertThat(ApiClient.json(reused).get("errors").findValuesAsText("message"))
                .containsExactly("新密码不能与最近 5 次使用过的密码相同");
        assertThat(ApiClient.json(reused).get("errors").findValuesAsText("field")).containsExactly("newPassword");
        assertThat(ApiClient.json(change(passwords[4], passwords[2], "en")).get("errors").findValuesAsText("message"))
                .containsExactly("The new password must differ from your last 5 passwords");
        assertThat(api.token(username, passwords[4])).as("a refused change changes nothing").isNotBlank();
        // only the hashes needed are kept: the four before the current one
        assertThat(jdbc.sql("SELECT count(*) FROM password_history WHERE staff_id = ?").param(person.id().value())
                .query(Long.class).single()).isEqualTo(4);

        assertThat(change(passwords[4], "Sixth-Pass-2027", "zh-CN").statusCode()).isEqualTo(204);
        assertThat(change("Sixth-Pass-2027", passwords[0], "zh-CN").statusCode())
                .as("six changes back it is out of the history").isEqualTo(204);
    }

    /**
     * The security administrator's reset is not compared with the person's earlier passwords (he would learn which ones
     * the person used); the person changes it at his next sign-in, and that change is compared.
     */
    @Test
    void aResetIsNotComparedWithEarlierPasswordsButTheChangeThatFollowsIs() {
        assertThat(change(TestStaff.PASSWORD, "Second-Pass-2027", "zh-CN").statusCode()).isEqualTo(204);
        String security = api.token("security", DEMO_PASSWORD);
        assertThat(api.send("POST", "/api/v1/staff/" + person.id() + "/password", security,
                Map.of("password", TestStaff.PASSWORD)).statusCode()).isEqualTo(200);

        String token = api.token(username, TestStaff.PASSWORD);
        assertThat(ApiClient.json(api.get("/api/v1/me", token)).get("passwordMustChange").asBoolean()).isTrue();
        assertThat(change(TestStaff.PASSWORD, "Second-Pass-2027", "zh-CN").statusCode()).isEqualTo(400);
        assertThat(change(TestStaff.PASSWORD, "Third-Pass-2027", "zh-CN").statusCode()).isEqualTo(204);
        assertThat(auditEntries("UPDATE", "forcedBy", "set by others")).isEqualTo(1);
    }

    private HttpResponse<String> change(String current, String next, String language) {
        String token = api.token(username, current);
        return api.send("PUT", "/api/v1/me/password", token, Map.of("currentPassword", current, "newPassword", next),
                "Accept-Language", language);
    }
}
