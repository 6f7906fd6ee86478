package org.fengqiao.figures.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import org.fengqiao.platform.Invalid;
import org.fengqiao.platform.PeriodFigures.Period;
import org.junit.jupiter.api.Test;

class ChosenPeriodTests {

    static final LocalDate TODAY = LocalDate.of(2026, 5, 20);

    @Test
    void thisMonthSoFarWhenNothingIsNamedAndTheYearBeforeUpToTheSameDay() {
        Period p = ChosenPeriod.read(null, "", null, null, null, TODAY);
        assertThat(p).isEqualTo(new Period(LocalDate.of(2026, 5, 1), TODAY));
        assertThat(p.yearBefore()).isEqualTo(new Period(LocalDate.of(2025, 5, 1), LocalDate.of(2025, 5, 20)));
    }

    @Test
    void aMonthAQuarterAndAYearAreTheirWholeDaysUpToToday() {
        assertThat(ChosenPeriod.read("2026-02", null, null, null, null, TODAY))
                .isEqualTo(new Period(LocalDate.of(2026, 2, 1), LocalDate.of(2026, 2, 28)));
        assertThat(ChosenPeriod.read(null, "2026-Q1", null, null, null, TODAY))
                .isEqualTo(new Period(LocalDate.of(2026, 1, 1), LocalDate.of(2026, 3, 31)));
        assertThat(ChosenPeriod.read(null, "2026q2", null, null, null, TODAY))
                .isEqualTo(new Period(LocalDate.of(2026, 4, 1), TODAY));
        assertThat(ChosenPeriod.read(null, null, "2025", null, null, TODAY))
                .isEqualTo(new Period(LocalDate.of(2025, 1, 1), LocalDate.of(2025, 12, 31)));
    }

    @Test
    void daysChosenAreBothIncludedAndTheFirstDefaultsToTheLastDaysMonth() {
        assertThat(ChosenPeriod.read(null, null, null, "2026-03-01", "2026-03-03", TODAY))
                .isEqualTo(new Period(LocalDate.of(2026, 3, 1), LocalDate.of(2026, 3, 3)));
        assertThat(ChosenPeriod.read(null, null, null, null, "2026-03-10", TODAY))
                .isEqualTo(new Period(LocalDate.of(2026, 3, 1), LocalDate.of(2026, 3, 10)));
        assertThat(ChosenPeriod.read(null, null, null, "2026-05-01", null, TODAY))
                .isEqualTo(new Period(LocalDate.of(2026, 5, 1), TODAY));
    }

    @Test
    void theTwentyNinthOfFebruaryHasTheTwentyEighthAYearBefore() {
        Period leap = ChosenPeriod.read("2024-02", null, null, null, null, TODAY);
        assertThat(leap.yearBefore()).isEqualTo(new Period(LocalDate.of(2023, 2, 1), LocalDate.of(2023, 2, 28)));
    }

    /**
     * February after a leap year is set beside the whole February before it: its year before ended on the 28th, so
     * what was recorded on 29 February 2024 counted in neither February, and the change compared 28 days with 28 of 29.
     */
    @Test
    void aWholeFebruaryHasTheWholeFebruaryOfTheLeapYearBeforeIt() {
        Period february = ChosenPeriod.read("2025-02", null, null, null, null, TODAY);
        assertThat(february.yearBefore()).isEqualTo(new Period(LocalDate.of(2024, 2, 1), LocalDate.of(2024, 2, 29)));
        Period days = ChosenPeriod.read(null, null, null, "2025-01-15", "2025-02-28", TODAY);
        assertThat(days.yearBefore()).isEqualTo(new Period(LocalDate.of(2024, 1, 15), LocalDate.of(2024, 2, 29)));
        assertThat(ChosenPeriod.read(null, "2025-Q1", null, null, null, TODAY).yearBefore())
                .isEqualTo(new Period(LocalDate.of(2024, 1, 1), LocalDate.of(2024, 3, 31)));
        // days that are not a month's end keep the same days
        assertThat(ChosenPeriod.read(null, null, null, "2025-02-01", "2025-02-27", TODAY).yearBefore())
                .isEqualTo(new Period(LocalDate.of(2024, 2, 1), LocalDate.of(2024, 2, 27)));
    }

    @Test
    void whatIsNoPeriodIsRefusedWithItsReason() {
        assertThat(keys(() -> ChosenPeriod.read("2026-03", null, "2026", null, null, TODAY)))
                .containsExactly("figures.period.oneOnly");
        assertThat(keys(() -> ChosenPeriod.read("2026-13", null, null, null, null, TODAY)))
                .containsExactly("figures.period.month");
        assertThat(keys(() -> ChosenPeriod.read(null, "2026-Q5", null, null, null, TODAY)))
                .containsExactly("figures.period.quarter");
        assertThat(keys(() -> ChosenPeriod.read(null, null, "26", null, null, TODAY))).containsExactly("figures.period.year");
        assertThat(keys(() -> ChosenPeriod.read("2026-06", null, null, null, null, TODAY)))
                .containsExactly("figures.period.notBegun");
        assertThat(keys(() -> ChosenPeriod.read(null, null, null, "2026-03-31", "2026-03-01", TODAY)))
                .containsExactly("figures.period.reversed");
        assertThat(keys(() -> ChosenPeriod.read(null, null, null, "2026-03-01", "2026-05-21", TODAY)))
                .containsExactly("figures.period.future");
        assertThat(keys(() -> ChosenPeriod.read(null, null, null, "3月1日", "2026-02-30", TODAY)))
                .containsExactly("figures.period.date", "figures.period.date");
    }

    /**
     * Days before 1900 are refused with their reason: a year like -5000 or 0000 passed the checks and was counted,
     * seven thousand years of work set beside a "year before" in -5001.
     */
    @Test
    void daysBeforeNineteenHundredAreRefusedAsNoPeriodOfWork() {
        assertThat(keys(() -> ChosenPeriod.read(null, null, null, "-5000-01-01", "2026-03-01", TODAY)))
                .containsExactly("figures.period.tooEarly");
        assertThat(keys(() -> ChosenPeriod.read(null, null, "0000", null, null, TODAY)))
                .containsExactly("figures.period.tooEarly");
        assertThat(keys(() -> ChosenPeriod.read("1899-12", null, null, null, null, TODAY)))
                .containsExactly("figures.period.tooEarly");
        assertThat(keys(() -> ChosenPeriod.read(null, "1899-Q4", null, null, null, TODAY)))
                .containsExactly("figures.period.tooEarly");
        assertThat(ChosenPeriod.read(null, null, "1900", null, null, TODAY))
                .isEqualTo(new Period(LocalDate.of(1900, 1, 1), LocalDate.of(1900, 12, 31)));
    }

    /**
     * Days spanning more than a year are refused: their "same days a year before" overlapped them (1900 to today
     * beside 1899 to a year ago), so the records of the overlap were counted on both sides of the change. A whole
     * year, leap or not, and a year of days ending on the 28th of February stay a period.
     */
    @Test
    void daysSpanningMoreThanAYearAreRefusedAsTheirYearBeforeWouldOverlapThem() {
        assertThat(keys(() -> ChosenPeriod.read(null, null, null, "1900-01-01", "2026-05-20", TODAY)))
                .containsExactly("figures.period.tooLong");
        assertThat(keys(() -> ChosenPeriod.read(null, null, null, "2025-05-20", "2026-05-20", TODAY)))
                .containsExactly("figures.period.tooLong");
        assertThat(keys(() -> ChosenPeriod.read(null, null, null, "2025-05-20", null, TODAY)))
                .containsExactly("figures.period.tooLong");
        Period aYear = ChosenPeriod.read(null, null, null, "2025-05-21", "2026-05-20", TODAY);
        assertThat(aYear.yearBefore().last()).isBefore(aYear.first());
        assertThat(ChosenPeriod.read(null, null, null, "2024-01-01", "2024-12-31", TODAY))
                .isEqualTo(new Period(LocalDate.of(2024, 1, 1), LocalDate.of(2024, 12, 31)));
        Period toFebruary = ChosenPeriod.read(null, null, null, "2024-02-29", "2025-02-28", TODAY);
        assertThat(toFebruary.yearBefore().last()).isBefore(toFebruary.first());
        assertThat(ChosenPeriod.read(null, null, "2025", null, null, TODAY).yearBefore().last())
                .isBefore(LocalDate.of(2025, 1, 1));
    }

    static java.util.List<String> keys(Runnable read) {
        try {
            read.run();
        } catch (Invalid e) {
            return e.problems().stream().map(Invalid.Problem::key).toList();
        }
        throw new AssertionError("not refused");
    }

    @Test
    void aPeriodCannotEndBeforeItBegins() {
        assertThatThrownBy(() -> new Period(TODAY, TODAY.minusDays(1))).isInstanceOf(IllegalArgumentException.class);
    }
}
