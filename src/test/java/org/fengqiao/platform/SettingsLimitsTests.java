package org.fengqiao.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;

/**
 * The limits the README's settings table states are the limits the platform holds to: a connection pool of fewer
 * than 4 (FENGQIAO_DB_POOL, "至少 4") or an empty data directory is refused at the start, naming the setting, instead
 * of a platform that starts with them.
 */
@ExtendWith(OutputCaptureExtension.class)
class SettingsLimitsTests {

    @TempDir
    Path dir;

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties(FengqiaoProperties.class)
    static class SettingsOnly {
    }

    private ConfigurableApplicationContext start(String... settings) {
        return new SpringApplicationBuilder(SettingsOnly.class).web(WebApplicationType.NONE)
                .properties("spring.main.banner-mode=off", "fengqiao.db.data-dir=" + dir).run(settings);
    }

    @Test
    void aPoolOfFewerThanFourConnectionsIsRefusedNamingTheSetting(CapturedOutput output) {
        assertThatThrownBy(() -> start("--fengqiao.db.pool-size=2").close()).isInstanceOf(RuntimeException.class);

        assertThat(output.getOut() + output.getErr())
                .contains("APPLICATION FAILED TO START")
                .contains("FENGQIAO_DB_POOL (fengqiao.db.pool-size) is 2")
                .contains("Set FENGQIAO_DB_POOL to 4 or more")
                .doesNotContain("\tat ");
    }

    @Test
    void anEmptyDataDirectoryIsRefused(CapturedOutput output) {
        assertThatThrownBy(() -> start("--fengqiao.db.data-dir=").close()).isInstanceOf(RuntimeException.class);

        assertThat(output.getOut() + output.getErr())
                .contains("APPLICATION FAILED TO START")
                .contains("FENGQIAO_DATA_DIR (fengqiao.db.data-dir) is empty")
                .doesNotContain("\tat ");
    }

    /** FENGQIAO_MAX_FAILED_LOGINS=0 would lock every account at its first mistyped password. */
    @Test
    void noFailedSignInCountOrNoLockoutTimeIsRefusedNamingTheSetting(CapturedOutput output) {
        assertThatThrownBy(() -> start("--fengqiao.security.max-failed-logins=0").close())
                .isInstanceOf(RuntimeException.class);
        assertThatThrownBy(() -> start("--fengqiao.security.lockout=0s").close()).isInstanceOf(RuntimeException.class);

        assertThat(output.getOut() + output.getErr())
                .contains("FENGQIAO_MAX_FAILED_LOGINS (fengqiao.security.max-failed-logins) is 0")
                .contains("Set FENGQIAO_MAX_FAILED_LOGINS to 1 or more")
                .contains("FENGQIAO_LOCKOUT (fengqiao.security.lockout) is PT0S")
                .doesNotContain("\tat ");
        try (ConfigurableApplicationContext app = start("--fengqiao.security.max-failed-logins=1",
                "--fengqiao.security.lockout=1m")) {
            assertThat(app.getBean(FengqiaoProperties.class).security().maxFailedLogins()).isEqualTo(1);
        }
    }

    /**
     * FENGQIAO_PASSWORD_MAX_AGE=90 (no unit) is 90 milliseconds: every password would expire as it is set. A history
     * beyond 24 or below 0 is refused too; the defaults are 5 and 90 days, and 0 lets passwords never expire.
     */
    @Test
    void aPasswordMaxAgeUnderADayOrAHistoryOutOfRangeIsRefusedNamingTheSetting(CapturedOutput output) {
        assertThatThrownBy(() -> start("--FENGQIAO_PASSWORD_MAX_AGE=90").close()).isInstanceOf(RuntimeException.class);
        assertThatThrownBy(() -> start("--FENGQIAO_PASSWORD_HISTORY=25").close()).isInstanceOf(RuntimeException.class);
        assertThatThrownBy(() -> start("--FENGQIAO_PASSWORD_HISTORY=-1").close()).isInstanceOf(RuntimeException.class);

        assertThat(output.getOut() + output.getErr())
                .contains("FENGQIAO_PASSWORD_MAX_AGE (fengqiao.security.password-max-age) is PT0.09S")
                .contains("Set FENGQIAO_PASSWORD_MAX_AGE to a number of days with its unit, e.g. 90d")
                .contains("FENGQIAO_PASSWORD_HISTORY (fengqiao.security.password-history) is 25")
                .contains("FENGQIAO_PASSWORD_HISTORY (fengqiao.security.password-history) is -1")
                .doesNotContain("\tat ");
        try (ConfigurableApplicationContext app = start()) {
            FengqiaoProperties.Security security = app.getBean(FengqiaoProperties.class).security();
            assertThat(security.passwordHistory()).isEqualTo(5);
            assertThat(security.passwordMaxAge()).isEqualTo(java.time.Duration.ofDays(90));
        }
        try (ConfigurableApplicationContext app = start("--FENGQIAO_PASSWORD_MAX_AGE=0", "--FENGQIAO_PASSWORD_HISTORY=0")) {
            FengqiaoProperties.Security security = app.getBean(FengqiaoProperties.class).security();
            assertThat(security.passwordMaxAge()).isZero();
            assertThat(security.passwordHistory()).isZero();
        }
    }

    @Test
    void fourConnectionsAndTheDefaultStart() {
        try (ConfigurableApplicationContext app = start("--fengqiao.db.pool-size=4")) {
            assertThat(app.getBean(FengqiaoProperties.class).db().poolSize()).isEqualTo(4);
        }
        try (ConfigurableApplicationContext app = start()) {
            assertThat(app.getBean(FengqiaoProperties.class).db().poolSize()).isEqualTo(20);
        }
    }

    @Test
    void anInitialDivisionThatIsNoCountyIsRefusedNamingTheSetting(CapturedOutput output) {
        // a typo, a province's code and a township's code: none of them names the bureau's county
        for (String code : new String[] {"abc", "999999", "320000", "320722100000"}) {
            assertThatThrownBy(() -> start("--fengqiao.init.division-code=" + code).close())
                    .as(code).isInstanceOf(RuntimeException.class);
            assertThat(output.getOut() + output.getErr())
                    .contains("FENGQIAO_INIT_DIVISION (fengqiao.init.division-code) is \"" + code + "\"")
                    .contains("Set FENGQIAO_INIT_DIVISION to the six-digit code")
                    .doesNotContain("\tat ");
        }
    }

    @Test
    void aCountyOrNoInitialDivisionStarts() {
        try (ConfigurableApplicationContext app = start("--fengqiao.init.division-code=320722")) {
            assertThat(app.getBean(FengqiaoProperties.class).init().divisionCode()).isEqualTo("320722");
        }
        try (ConfigurableApplicationContext app = start("--fengqiao.init.division-code=110101")) {
            assertThat(app.getBean(FengqiaoProperties.class).init().divisionCode()).isEqualTo("110101");
        }
        try (ConfigurableApplicationContext app = start()) {
            assertThat(app.getBean(FengqiaoProperties.class).init().divisionCode()).isEmpty();
        }
    }
}
