package org.fengqiao.account;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import org.fengqiao.platform.FengqiaoProperties;
import org.fengqiao.support.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The security administrator reads the password and lockout rules in force, on a page in either language and through
 * the API, with the numbers the platform is configured with; nobody else reads them there.
 */
class PasswordRulesIntegrationTests extends IntegrationTest {

    private static final String HTML = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8";

    @LocalServerPort
    int port;
    @Autowired
    FengqiaoProperties properties;

    @Test
    void theSecurityAdministratorReadsTheRulesInForceThroughTheApi() {
        ApiClient api = new ApiClient(port);
        HttpResponse<String> answer = api.get("/api/v1/password-rules", api.token("security", DEMO_PASSWORD));

        assertThat(answer.statusCode()).isEqualTo(200);
        JsonNode rules = ApiClient.json(answer);
        assertThat(rules.get("minLength").asInt()).isEqualTo(8);
        assertThat(rules.get("maxLength").asInt()).isEqualTo(128);
        assertThat(rules.get("minKinds").asInt()).isEqualTo(3);
        assertThat(rules.get("kinds").asInt()).isEqualTo(4);
        assertThat(rules.get("usernameRefused").asBoolean()).isTrue();
        assertThat(rules.get("previousRefused").asInt()).isEqualTo(properties.security().passwordHistory());
        assertThat(rules.get("maxFailedLogins").asInt()).isEqualTo(properties.security().maxFailedLogins());
        assertThat(rules.get("lockoutMinutes").asLong()).isEqualTo(properties.security().lockout().toMinutes());
        assertThat(rules.get("lockout").asText()).isEqualTo(properties.security().lockout().toString());
        assertThat(rules.get("passwordsExpire").asBoolean()).isTrue();
        assertThat(rules.get("expiryDays").asLong()).isEqualTo(properties.security().passwordMaxAge().toDays())
                .isEqualTo(90);
        assertThat(rules.get("expiryWarningDays").asLong()).isEqualTo(7);
        assertThat(rules.get("resetMustBeChanged").asBoolean()).isTrue();
    }

    @Test
    void theRulesPageTellsThemInChineseAndInEnglish() {
        int count = properties.security().maxFailedLogins();
        long minutes = properties.security().lockout().toMinutes();
        String chinese = new ApiClient(port).signedIn("security", DEMO_PASSWORD, null)
                .get("/password-rules", null, "Accept", HTML).body();
        long days = properties.security().passwordMaxAge().toDays();
        int history = properties.security().passwordHistory();
        assertThat(chinese).contains("密码与锁定规则", "8 至 128 个字符", "4 类中至少 3 类", "不能包含本人的用户名",
                "新密码不能与最近 " + history + " 个密码（含当前密码）相同",
                "连续 " + count + " 次登录失败后锁定 " + minutes + " 分钟",
                "设置 " + days + " 天后过期；过期前 7 天起首页提醒", "本人登录后须先修改", "FENGQIAO_PASSWORD_MAX_AGE")
                .doesNotContain("不过期");

        HttpResponse<String> english = new ApiClient(port).signedIn("security", DEMO_PASSWORD, "en")
                .get("/password-rules", null, "Accept", HTML);
        assertThat(english.statusCode()).isEqualTo(200);
        assertThat(english.body()).contains("Password and lockout rules", "8 to 128 characters",
                "At least 3 of the 4 kinds", "Locked for " + minutes + " minutes after " + count
                        + " failed sign-ins in a row", "A new password must differ from the last " + history,
                "Expires " + days + " days after it is set; the start page warns from 7 days before",
                "changed by its holder at the next sign-in")
                .doesNotContain("锁定");
    }

    @Test
    void theSecurityAdministratorFindsThePageInHisMenu() {
        String home = new ApiClient(port).signedIn("security", DEMO_PASSWORD, null).get("/", null, "Accept", HTML).body();
        assertThat(home).contains("href=\"/password-rules\"");
        String officers = new ApiClient(port).signedIn("officer", DEMO_PASSWORD, null).get("/", null, "Accept", HTML).body();
        assertThat(officers).doesNotContain("href=\"/password-rules\"");
    }

    @Test
    void nobodyElseReadsThemThere() {
        ApiClient officer = new ApiClient(port);
        assertThat(officer.get("/api/v1/password-rules", officer.token("officer", DEMO_PASSWORD)).statusCode())
                .isEqualTo(403);
        assertThat(officer.get("/api/v1/password-rules", officer.token("admin", DEMO_PASSWORD)).statusCode())
                .isEqualTo(403);
        assertThat(new ApiClient(port).signedIn("chief", DEMO_PASSWORD, null)
                .get("/password-rules", null, "Accept", HTML).statusCode()).isEqualTo(403);
        assertThat(new ApiClient(port).get("/api/v1/password-rules", null).statusCode()).isEqualTo(401);
    }
}
