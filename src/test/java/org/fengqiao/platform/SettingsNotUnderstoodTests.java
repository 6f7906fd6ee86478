package org.fengqiao.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.fengqiao.population.internal.SearchProperties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Configuration;

/**
 * The engineer who writes a setting in a form the platform cannot read (FENGQIAO_SESSION_IDLE=abc) reads, as the
 * start's failure, the variable he set, what it got and an example, as the other start checks say theirs; not Spring's
 * "Failed to bind properties under 'fengqiao.security.session-idle' to java.time.Duration". The variables are given
 * as application.yml reads them, by name ({@code ${FENGQIAO_SESSION_IDLE:30m}}), as the environment gives them.
 */
@ExtendWith(OutputCaptureExtension.class)
class SettingsNotUnderstoodTests {

    @TempDir
    Path dir;

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties({FengqiaoProperties.class, SearchProperties.class})
    static class SettingsOnly {
    }

    private void start(String... settings) {
        new SpringApplicationBuilder(SettingsOnly.class).web(WebApplicationType.NONE)
                .properties("spring.main.banner-mode=off", "fengqiao.db.data-dir=" + dir).run(settings).close();
    }

    @Test
    void aSessionIdleTimeThatIsNoDurationIsSaidNamingTheVariableWhatItGotAndAnExample(CapturedOutput output) {
        assertThatThrownBy(() -> start("--FENGQIAO_SESSION_IDLE=abc")).isInstanceOf(RuntimeException.class);

        assertThat(output.getOut() + output.getErr())
                .contains("APPLICATION FAILED TO START")
                .contains("FENGQIAO_SESSION_IDLE (fengqiao.security.session-idle) is \"abc\", which is not a duration")
                .contains("Set FENGQIAO_SESSION_IDLE to a duration, e.g. 30m (the default)")
                .doesNotContain("Failed to bind properties")
                .doesNotContain("\tat ");
    }

    @Test
    void aSearchWaitThatIsNoDurationIsSaidNamingTheVariableWhatItGotAndAnExample(CapturedOutput output) {
        assertThatThrownBy(() -> start("--FENGQIAO_SEARCH_WAIT=ten seconds")).isInstanceOf(RuntimeException.class);

        assertThat(output.getOut() + output.getErr())
                .contains("FENGQIAO_SEARCH_WAIT (fengqiao.search.queue-timeout) is \"ten seconds\", which is not a duration")
                .contains("Set FENGQIAO_SEARCH_WAIT to a duration, e.g. 10s (the default)")
                .doesNotContain("Failed to bind properties")
                .doesNotContain("\tat ");
    }

    @Test
    void aPoolSizeThatIsNoNumberIsSaidTheSameWay(CapturedOutput output) {
        assertThatThrownBy(() -> start("--FENGQIAO_DB_POOL=twenty")).isInstanceOf(RuntimeException.class);

        assertThat(output.getOut() + output.getErr())
                .contains("FENGQIAO_DB_POOL (fengqiao.db.pool-size) is \"twenty\", which is not a whole number")
                .contains("Set FENGQIAO_DB_POOL to a whole number, e.g. 20 (the default)")
                .doesNotContain("Failed to bind properties");
    }

    @Test
    void durationsAsTheReadmeWritesThemStart() {
        start("--FENGQIAO_SESSION_IDLE=45m", "--FENGQIAO_SEARCH_WAIT=5s");
    }
}
