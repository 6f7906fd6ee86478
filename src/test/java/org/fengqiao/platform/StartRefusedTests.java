package org.fengqiao.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.fengqiao.platform.crypto.PersonalDataCipher;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/**
 * The engineer who starts the platform with a personal-data key that is no key (FENGQIAO_DATA_KEY mistyped, cut short)
 * reads why as the start's failure description with what to do, not as the last of a hundred lines of stack trace.
 */
@ExtendWith(OutputCaptureExtension.class)
class StartRefusedTests {

    @TempDir
    Path dir;

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties(FengqiaoProperties.class)
    @Import(PersonalDataCipher.class)
    static class KeyOnly {

        /** The cipher waits for the database (DependsOn): a name to wait for, no database. */
        @org.springframework.context.annotation.Bean
        Object dataSource() {
            return new Object();
        }
    }

    private void start(String key) {
        new SpringApplicationBuilder(KeyOnly.class).web(WebApplicationType.NONE)
                .run("--fengqiao.personal-data.key=" + key, "--fengqiao.db.data-dir=" + dir,
                        "--spring.main.banner-mode=off")
                .close();
    }

    @Test
    void aKeyOfTheWrongLengthIsSaidAsTheFailureWithoutAStackTrace(CapturedOutput output) {
        assertThatThrownBy(() -> start("abc")).isInstanceOf(RuntimeException.class);

        assertThat(output.getOut() + output.getErr())
                .contains("APPLICATION FAILED TO START")
                .contains("FENGQIAO_DATA_KEY must be 32 bytes")
                .contains("openssl rand -base64 32")
                .doesNotContain("\tat ")
                .doesNotContain("Application run failed");
    }

    @Test
    void aKeyThatIsNotBase64IsSaidAsTheFailureWithoutAStackTrace(CapturedOutput output) {
        assertThatThrownBy(() -> start("not*base64*at*all")).isInstanceOf(RuntimeException.class);

        assertThat(output.getOut() + output.getErr())
                .contains("APPLICATION FAILED TO START")
                .contains("FENGQIAO_DATA_KEY is not base64")
                .doesNotContain("\tat ");
    }
}
