package org.fengqiao.review.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.time.YearMonth;
import java.util.Locale;
import org.fengqiao.platform.Invalid;
import org.junit.jupiter.api.Test;
import org.springframework.context.support.ResourceBundleMessageSource;

class ReviewPeriodTests {

    static final YearMonth NOW = YearMonth.of(2026, 12);

    static String refusal(String typed, Locale locale) {
        ResourceBundleMessageSource messages = new ResourceBundleMessageSource();
        messages.setBasenames("i18n/review");
        messages.setDefaultEncoding("UTF-8");
        messages.setFallbackToSystemLocale(false);
        Invalid refused = catchThrowableOfType(Invalid.class, () -> ReviewPeriod.parse(typed, NOW));
        assertThat(refused).as(typed).isNotNull();
        return String.join(" ", refused.texts(messages, locale));
    }

    @Test
    void aPeriodAheadIsRefusedAsNotBegunAndOneBefore2000AsTooEarlyNotAsNotBegun() {
        assertThat(refusal("2027-01", Locale.SIMPLIFIED_CHINESE)).isEqualTo("期间“2027-01”还没有开始");
        assertThat(refusal("1999", Locale.SIMPLIFIED_CHINESE)).isEqualTo("期间“1999”太早：评议结果从 2000 年起");
        assertThat(refusal("1999-Q4", Locale.ENGLISH))
                .isEqualTo("The period \"1999-Q4\" is too early: the results begin in 2000");
        assertThat(ReviewPeriod.parse("2000-01", NOW).name()).isEqualTo("2000-01");
    }
}
