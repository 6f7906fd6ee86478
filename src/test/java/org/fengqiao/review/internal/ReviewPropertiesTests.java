package org.fengqiao.review.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.validation.ValidationAutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

/** The low-result thresholds are shares between 0 and 1: anything else stops the start, naming the key. */
class ReviewPropertiesTests {

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties(ReviewProperties.class)
    static class Settings {
    }

    final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(ValidationAutoConfiguration.class))
            .withUserConfiguration(Settings.class);

    @Test
    void theDefaultsJudgeAMonthOverFiveReviews() {
        runner.run(context -> {
            ReviewRatePolicy.Thresholds t = context.getBean(ReviewProperties.class).thresholds();
            assertThat(t).isEqualTo(new ReviewRatePolicy.Thresholds(5, 0.8, 0.5, 0.6));
        });
    }

    @Test
    void aThresholdThatIsNoShareStopsTheStart() {
        runner.withPropertyValues("fengqiao.review.low-seen=1.5").run(context -> {
            assertThat(context).hasFailed();
            assertThat(context.getStartupFailure()).hasStackTraceContaining("lowSeen");
        });
        runner.withPropertyValues("fengqiao.review.reviews-per-hour=0").run(context -> assertThat(context).hasFailed());
    }
}
