package org.fengqiao.incident.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.springframework.context.support.ResourceBundleMessageSource;

/** The days the response times' and the satisfaction's pages are counted over, each page refusing in its own words. */
class ChosenDaysTests {

    static final LocalDate TODAY = LocalDate.of(2026, 5, 10);
    static final Locale ZH = Locale.SIMPLIFIED_CHINESE;
    static final String TIMES = "incident.times";
    static final String SATISFACTION = "incident.satisfaction";

    static final ResourceBundleMessageSource MESSAGES = new ResourceBundleMessageSource();

    static {
        MESSAGES.setBasenames("i18n/incident");
        MESSAGES.setDefaultEncoding("UTF-8");
        MESSAGES.setFallbackToSystemLocale(false);
    }

    static ChosenDays read(String from, String to, String page) {
        return ChosenDays.read(from, to, 30, TODAY, page, MESSAGES, ZH);
    }

    @Test
    void theDaysTypedOrCountedBackFromTheLastOrTodayBothIncluded() {
        ChosenDays none = read(null, " ", TIMES);
        assertThat(none.period()).isTrue();
        assertThat(none.last()).isEqualTo(TODAY);
        assertThat(none.first()).as("30 days, today the 30th").isEqualTo(TODAY.minusDays(29));
        assertThat(ChosenDays.read(null, null, 7, TODAY, SATISFACTION, MESSAGES, ZH).first()).isEqualTo(TODAY.minusDays(6));
        ChosenDays both = read(" 2026-04-01 ", "2026-04-03", TIMES);
        assertThat(both.problems()).isEmpty();
        assertThat(both.first()).isEqualTo(LocalDate.of(2026, 4, 1));
        assertThat(both.last()).isEqualTo(LocalDate.of(2026, 4, 3));
        assertThat(read("2026-05-10", "2026-05-10", SATISFACTION).period()).as("today is a day that has come").isTrue();
        assertThat(read(null, "2026-04-30", TIMES).first()).isEqualTo(LocalDate.of(2026, 4, 1));
    }

    @Test
    void eachPageSaysInItsOwnWordsWhyADayAfterTodayIsNoPeriod() {
        assertThat(read("2026-05-01", "2026-05-11", TIMES).problems())
                .containsExactly("截止日期“2026-05-11”晚于今天（2026-05-10）：响应时效只统计已经到来的日子");
        assertThat(read("2026-05-01", "2026-05-11", SATISFACTION).problems())
                .containsExactly("截止日期“2026-05-11”晚于今天（2026-05-10）：满意率只统计已经到来的日子");
        assertThat(ChosenDays.read("2026-05-12", null, 30, TODAY, TIMES, MESSAGES, Locale.ENGLISH).problems())
                .containsExactly("Start date 2026-05-12 is after today (2026-05-10): response times count only days that have come");
        assertThat(ChosenDays.read("2026-05-12", null, 30, TODAY, SATISFACTION, MESSAGES, Locale.ENGLISH).problems())
                .containsExactly("Start date 2026-05-12 is after today (2026-05-10): the satisfaction rate counts only days that have come");
    }

    @Test
    void aDateThatIsNoDateAndAFirstDayAfterTheLastAreRefusedByName() {
        ChosenDays bad = read("2026-13-45", null, TIMES);
        assertThat(bad.period()).isFalse();
        assertThat(bad.first()).isNull();
        assertThat(bad.problems()).containsExactly("起始日期“2026-13-45”不是有效的年-月-日，请写成 2026-05-01 这样");
        assertThat(ChosenDays.read(null, "yesterday", 30, TODAY, SATISFACTION, MESSAGES, Locale.ENGLISH).problems())
                .containsExactly("End date \"yesterday\" is not a valid year-month-day: write it as 2026-05-01");
        assertThat(read("2026-05-10", "2026-05-07", SATISFACTION).problems())
                .containsExactly("起始日期晚于截止日期，请重新选择期间");
    }

    @Test
    void onlyWhatWasTypedIsPutRightAndAReversedPeriodIsNotSaidBesideWhatMakesItMoot() {
        // the first day counted back from an end far ahead is after today too, but nobody typed it
        assertThat(read(null, "2026-07-01", TIMES).problems()).hasSize(1).allMatch(p -> p.startsWith("截止日期"));
        // both days ahead and reversed: the days ahead are what to put right
        assertThat(read("2026-05-20", "2026-05-15", TIMES).problems()).hasSize(2)
                .noneMatch(p -> p.contains("请重新选择期间"));
        // a date that is no date beside a day ahead: both said at once
        assertThat(read("2026-05-20", "2026-05-xx", SATISFACTION).problems()).hasSize(2);
    }
}
