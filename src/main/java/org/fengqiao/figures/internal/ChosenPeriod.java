package org.fengqiao.figures.internal;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.fengqiao.platform.Invalid;
import org.fengqiao.platform.PeriodFigures.Period;

/**
 * The days the figures are counted over, as the page's form or the API names them: one month ({@code 2026-03}), one
 * quarter ({@code 2026-Q1}), one year ({@code 2026}) or days from–to (both included; the first of the last day's
 * month when only the last is given, today when only the first is); this month when nothing is named. A month,
 * quarter or year that has not ended is counted up to today, and so is the same stretch a year before, so the two
 * compare like with like. Days after today, days before 1900, a first day after the last, days spanning more than a
 * year (their year before would overlap them), text that is no period and more than one way of naming it at once are
 * refused, each with its reason.
 */
public final class ChosenPeriod {

    private static final Pattern QUARTER = Pattern.compile("(\\d{4})-?[Qq]([1-4])");
    private static final Pattern YEAR = Pattern.compile("\\d{4}");
    /** The first day a period may begin on (its year before from 1899). */
    static final LocalDate EARLIEST = Period.EARLIEST;

    private ChosenPeriod() {
    }

    /**
     * @throws Invalid with every reason the named days are no period
     */
    public static Period read(String month, String quarter, String year, String from, String to, LocalDate today) {
        List<Invalid.Problem> problems = new ArrayList<>();
        boolean dates = !blank(from) || !blank(to);
        int named = (dates ? 1 : 0) + (blank(month) ? 0 : 1) + (blank(quarter) ? 0 : 1) + (blank(year) ? 0 : 1);
        if (named > 1) {
            throw Invalid.of("period", "figures.period.oneOnly");
        }
        LocalDate first;
        LocalDate last;
        if (dates) {
            last = blank(to) ? today : date(to, "to", problems);
            first = blank(from) ? (last == null ? null : last.withDayOfMonth(1)) : date(from, "from", problems);
            if (last != null && !blank(to) && last.isAfter(today)) {
                problems.add(new Invalid.Problem("to", "figures.period.future", new Object[] {last.toString(), today.toString()}));
            }
            if (problems.isEmpty() && first.isAfter(last)) {
                problems.add(new Invalid.Problem("from", "figures.period.reversed", new Object[] {first.toString(), last.toString()}));
            }
        } else if (!blank(month)) {
            YearMonth m = null;
            try {
                m = YearMonth.parse(month.trim());
            } catch (DateTimeParseException e) {
                problems.add(new Invalid.Problem("month", "figures.period.month", new Object[] {month}));
            }
            first = m == null ? null : m.atDay(1);
            last = m == null ? null : m.atEndOfMonth();
        } else if (!blank(quarter)) {
            Matcher q = QUARTER.matcher(quarter.trim());
            if (q.matches()) {
                first = LocalDate.of(Integer.parseInt(q.group(1)), Integer.parseInt(q.group(2)) * 3 - 2, 1);
                last = first.plusMonths(3).minusDays(1);
            } else {
                problems.add(new Invalid.Problem("quarter", "figures.period.quarter", new Object[] {quarter}));
                first = last = null;
            }
        } else if (!blank(year)) {
            if (YEAR.matcher(year.trim()).matches()) {
                first = LocalDate.of(Integer.parseInt(year.trim()), 1, 1);
                last = first.plusYears(1).minusDays(1);
            } else {
                problems.add(new Invalid.Problem("year", "figures.period.year", new Object[] {year}));
                first = last = null;
            }
        } else {
            first = today.withDayOfMonth(1);
            last = today;
        }
        if (problems.isEmpty() && !dates) {
            if (first.isAfter(today)) {
                problems.add(new Invalid.Problem("period", "figures.period.notBegun",
                        new Object[] {first.toString(), today.toString()}));
            } else if (last.isAfter(today)) {
                last = today;
            }
        }
        if (problems.isEmpty() && first.isBefore(EARLIEST)) {
            // nothing was recorded then: a year like -5000 counted all there is beside a "year before" in -5001
            problems.add(new Invalid.Problem(dates ? "from" : "period", "figures.period.tooEarly",
                    new Object[] {first.toString(), EARLIEST.toString()}));
        }
        if (problems.isEmpty() && dates && !last.minusYears(1).isBefore(first)) {
            // days spanning more than a year overlap their own "same days a year before": the records of the
            // overlap were counted on both sides, and the change compared the period with most of itself
            problems.add(new Invalid.Problem("from", "figures.period.tooLong",
                    new Object[] {first.toString(), last.toString()}));
        }
        if (problems.isEmpty() && first.isAfter(today)) {
            problems.add(new Invalid.Problem("from", "figures.period.future", new Object[] {first.toString(), today.toString()}));
        }
        if (!problems.isEmpty()) {
            throw new Invalid("error.invalid", problems);
        }
        return new Period(first, last);
    }

    private static LocalDate date(String text, String field, List<Invalid.Problem> problems) {
        try {
            return LocalDate.parse(text.trim());
        } catch (DateTimeException e) {
            problems.add(new Invalid.Problem(field, "figures.period.date", new Object[] {text}));
            return null;
        }
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
