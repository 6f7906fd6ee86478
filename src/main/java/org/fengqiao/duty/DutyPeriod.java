package org.fengqiao.duty;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.temporal.TemporalAdjusters;
import org.fengqiao.platform.ChoiceNames;

/**
 * The periods of the rhythm (每日, 每周, 每月, 每季), as days of the jurisdiction's calendar (China Standard Time: the
 * caller reckons "today" there): a week runs Monday to Sunday, a quarter starts in January, April, July, October.
 */
@ChoiceNames("duty.period.")
public enum DutyPeriod {
    DAY, WEEK, MONTH, QUARTER;

    /** The first day of the period holding {@code day}. */
    public LocalDate start(LocalDate day) {
        return switch (this) {
            case DAY -> day;
            case WEEK -> day.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
            case MONTH -> day.withDayOfMonth(1);
            case QUARTER -> LocalDate.of(day.getYear(), (day.getMonthValue() - 1) / 3 * 3 + 1, 1);
        };
    }

    /** The last day of the period holding {@code day}. */
    public LocalDate end(LocalDate day) {
        return next(day).minusDays(1);
    }

    /** The first day of the period after the one holding {@code day}. */
    public LocalDate next(LocalDate day) {
        LocalDate start = start(day);
        return switch (this) {
            case DAY -> start.plusDays(1);
            case WEEK -> start.plusWeeks(1);
            case MONTH -> start.plusMonths(1);
            case QUARTER -> start.plusMonths(3);
        };
    }

    /** The first day of the last closed period: the one before the period holding {@code day}. */
    public LocalDate previous(LocalDate day) {
        return start(start(day).minusDays(1));
    }
}
