package org.fengqiao.backup.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Configuration;

/**
 * The engineer who writes the nightly backup's time as words (FENGQIAO_BACKUP_CRON="every night") is told at the
 * start which setting is wrong and how to write it, not handed a stack trace about a method called 'run'.
 */
@ExtendWith(OutputCaptureExtension.class)
class BackupSettingsTests {

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties(BackupProperties.class)
    static class SettingsOnly {
    }

    private static void start(String... settings) {
        new SpringApplicationBuilder(SettingsOnly.class).web(WebApplicationType.NONE)
                .properties("spring.main.banner-mode=off").run(settings).close();
    }

    @Test
    void aNightlyTimeThatIsNoCronExpressionIsSaidAsTheFailureNamingTheSetting(CapturedOutput output) {
        assertThatThrownBy(() -> start("--fengqiao.backup.cron=every night")).isInstanceOf(RuntimeException.class);

        assertThat(output.getOut() + output.getErr())
                .contains("APPLICATION FAILED TO START")
                .contains("FENGQIAO_BACKUP_CRON")
                .contains("0 0 3 * * *")
                .doesNotContain("\tat ");
    }

    @Test
    void theDefaultTimeAndNoNightlyBackupStart() {
        start();
        start("--fengqiao.backup.cron=-");
        start("--fengqiao.backup.cron=0 30 1 * * *");
    }
}
