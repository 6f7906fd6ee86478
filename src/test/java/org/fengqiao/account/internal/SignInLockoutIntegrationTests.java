package org.fengqiao.account.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Map;
import org.fengqiao.account.ApiClient;
import org.fengqiao.account.Staff;
import org.fengqiao.account.StaffDirectory;
import org.fengqiao.account.TestStaff;
import org.fengqiao.jurisdiction.Jurisdictions;
import org.fengqiao.platform.FengqiaoProperties;
import org.fengqiao.support.IntegrationTest;
import org.fengqiao.support.MovableClock;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.crypto.password.PasswordEncoder;

/** Five failures lock an account for 15 minutes; each test locks a person it created itself. */
class SignInLockoutIntegrationTests extends IntegrationTest {

    @LocalServerPort
    int port;
    @Autowired
    StaffDirectory directory;
    @Autowired
    Jurisdictions jurisdictions;
    @Autowired
    StaffRegister register;
    @Autowired
    PasswordEncoder passwords;
    @Autowired
    FengqiaoProperties properties;
    @Autowired
    ApplicationEventPublisher events;

    ApiClient api;
    String username;
    Staff staff;

    @BeforeEach
    void createPerson() {
        api = new ApiClient(port);
        username = TestStaff.uniqueUsername("lock");
        staff = TestStaff.officerWithSignIn(directory, jurisdictions, username);
    }

    private HttpResponse<String> tokenAttempt(String password, String language) {
        return api.send("POST", "/api/v1/auth/token", null, Map.of("username", username, "password", password),
                "Accept-Language", language);
    }

    @Test
    void fiveWrongPasswordsLockTheAccountAndTheSixthAttemptWithTheRightPasswordIsRefusedAsLocked() {
        for (int i = 1; i <= 4; i++) {
            HttpResponse<String> wrong = tokenAttempt("Wrong-pass-" + i, "zh-CN");
            assertThat(wrong.statusCode()).isEqualTo(401);
            assertThat(ApiClient.json(wrong).get("detail").asText()).isEqualTo("用户名或密码错误");
        }
        HttpResponse<String> fifth = tokenAttempt("Wrong-pass-5", "zh-CN");
        assertThat(ApiClient.json(fifth).get("detail").asText()).startsWith("连续登录失败次数过多，账号已锁定至");

        HttpResponse<String> sixth = tokenAttempt(TestStaff.PASSWORD, "zh-CN");
        assertThat(sixth.statusCode()).isEqualTo(401);
        assertThat(ApiClient.json(sixth).get("detail").asText()).startsWith("连续登录失败次数过多，账号已锁定至");
        assertThat(ApiClient.json(tokenAttempt(TestStaff.PASSWORD, "en")).get("detail").asText())
                .startsWith("Too many failed sign-ins: the account is locked until");
    }

    @Test
    void theLoginPageSaysTheAccountIsLockedForFifteenMinutes() {
        for (int i = 1; i <= 5; i++) {
            api.formLogin(username, "Wrong-pass-" + i);
        }
        HttpResponse<String> sixth = api.formLogin(username, TestStaff.PASSWORD);
        assertThat(sixth.statusCode()).isEqualTo(302);
        assertThat(sixth.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).endsWith("/login?error=locked"));
        assertThat(api.get("/login?error=locked", null).body()).contains("账号已锁定 15 分钟");
    }

    @Test
    void theLoginPageSaysUntilWhenTheAccountIsLockedAsTheTokenEndpointDoes() {
        for (int i = 1; i <= 5; i++) {
            api.formLogin(username, "Wrong-pass-" + i);
        }
        Instant until = register.byId(staff.id().value()).orElseThrow().lockedUntil();
        String shown = java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm")
                .withZone(ZoneId.of("Asia/Shanghai")).format(until);

        // tried again later, with the right password: told when he may try, not fifteen minutes from now
        HttpResponse<String> again = api.formLogin(username, TestStaff.PASSWORD);
        assertThat(again.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).endsWith("/login?error=locked"));
        assertThat(api.get("/login?error=locked", null).body())
                .contains("连续登录失败次数过多，账号已锁定 15 分钟，至 " + shown + " 解锁。请届时再试或联系安全管理员解锁");
        assertThat(ApiClient.json(tokenAttempt(TestStaff.PASSWORD, "zh-CN")).get("detail").asText()).endsWith(shown);

        ApiClient english = new ApiClient(port);
        english.formLogin(username, TestStaff.PASSWORD);
        assertThat(english.get("/login?error=locked&lang=en", null).body())
                .contains("Too many failed sign-ins: the account is locked for 15 minutes, until " + shown + ".");
    }

    @Test
    void theLockEndsAfterFifteenMinutes() {
        MovableClock clock = new MovableClock(Instant.now(), ZoneId.of("Asia/Shanghai"));
        SignIn signIn = new SignIn(register, passwords, properties, events, clock);
        for (int i = 1; i <= 5; i++) {
            String attempt = "Wrong-pass-" + i;
            assertThatThrownBy(() -> signIn.check(username, attempt)).isInstanceOf(AuthenticationException.class);
        }
        assertThatThrownBy(() -> signIn.check(username, TestStaff.PASSWORD)).isInstanceOf(SignIn.LockedUntil.class);

        clock.advance(Duration.ofMinutes(14));
        assertThatThrownBy(() -> signIn.check(username, TestStaff.PASSWORD)).isInstanceOf(SignIn.LockedUntil.class);

        clock.advance(Duration.ofMinutes(1).plusSeconds(1));
        assertThat(signIn.check(username, TestStaff.PASSWORD).getUsername()).isEqualTo(username);
    }

    @Test
    void aWrongPasswordAfterTheLockEndedStartsAFreshCountInsteadOfLockingAgain() {
        MovableClock clock = new MovableClock(Instant.now(), ZoneId.of("Asia/Shanghai"));
        SignIn signIn = new SignIn(register, passwords, properties, events, clock);
        for (int i = 1; i <= 5; i++) {
            String attempt = "Wrong-pass-" + i;
            assertThatThrownBy(() -> signIn.check(username, attempt)).isInstanceOf(AuthenticationException.class);
        }
        clock.advance(Duration.ofMinutes(16));
        assertThatThrownBy(() -> signIn.check(username, "Wrong-again-1")).isExactlyInstanceOf(BadCredentialsException.class);
        assertThat(signIn.check(username, TestStaff.PASSWORD).getUsername()).isEqualTo(username);
    }

    @Test
    void theSecurityAdministratorCanUnlockALockedAccount() {
        for (int i = 1; i <= 5; i++) {
            tokenAttempt("Wrong-pass-" + i, "zh-CN");
        }
        assertThat(tokenAttempt(TestStaff.PASSWORD, "zh-CN").statusCode()).isEqualTo(401);

        String security = api.token("security", IntegrationTest.DEMO_PASSWORD);
        HttpResponse<String> unlocked = api.send("POST", "/api/v1/staff/" + staff.id() + "/unlock", security, null);
        assertThat(unlocked.statusCode()).isEqualTo(200);
        assertThat(ApiClient.json(unlocked).get("locked").asBoolean()).isFalse();

        assertThat(tokenAttempt(TestStaff.PASSWORD, "zh-CN").statusCode()).isEqualTo(200);
    }

}
