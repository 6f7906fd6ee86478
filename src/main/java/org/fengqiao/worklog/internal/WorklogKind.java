package org.fengqiao.worklog.internal;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.temporal.TemporalAdjusters;
import org.fengqiao.platform.ChoiceNames;

/** What a work log entry is (四有): a day's diary, a week's analysis, a month's or a quarter's summary. */
@ChoiceNames("worklog.kind.")
public enum WorklogKind {
    DAILY, WEEKLY_ANALYSIS, MONTHLY_SUMMARY, QUARTERLY_SUMMARY;

    /** The first day of the period this kind of entry written about {@code day} covers (the week from Monday). */
    public LocalDate start(LocalDate day) {
        return switch (this) {
            case DAILY -> day;
            case WEEKLY_ANALYSIS -> day.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
            case MONTHLY_SUMMARY -> day.withDayOfMonth(1);
            case QUARTERLY_SUMMARY -> day.withDayOfMonth(1).withMonth((day.getMonthValue() - 1) / 3 * 3 + 1);
        };
    }

    /** The last day of the period that begins on {@code start}. */
    public LocalDate end(LocalDate start) {
        return switch (this) {
            case DAILY -> start;
            case WEEKLY_ANALYSIS -> start.plusDays(6);
            case MONTHLY_SUMMARY -> start.plusMonths(1).minusDays(1);
            case QUARTERLY_SUMMARY -> start.plusMonths(3).minusDays(1);
        };
    }

    /** An analysis or a summary, which a supervisor reviews and whose absence he is shown. */
    public boolean periodic() {
        return this != DAILY;
    }
}
