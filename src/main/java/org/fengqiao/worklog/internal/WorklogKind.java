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

    /**
     * The first day of the period whose absent analyses or summaries are shown when asked about {@code day} on
     * {@code today}: that day's period once its last day (the day it is due by) has passed, else the latest period
     * that has passed, so that nobody is listed as missing a month or a week that is not yet over.
     */
    public LocalDate lastDue(LocalDate day, LocalDate today) {
        LocalDate first = start(day);
        LocalDate current = start(today);
        return first.isBefore(current) ? first : start(current.minusDays(1));
    }

    /** An analysis or a summary, which a supervisor reviews and whose absence he is shown. */
    public boolean periodic() {
        return this != DAILY;
    }
}
