package org.fengqiao.review.internal;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.fengqiao.platform.Invalid;

/**
 * The months the results are counted over: a month ({@code 2026-11}), a quarter ({@code 2026-Q4}) or a year
 * ({@code 2026}), and the period of the same kind just before it, which the results are compared with. A review counts
 * in the month (China Standard Time) it was given.
 */
public record ReviewPeriod(Kind kind, YearMonth first, YearMonth last) {

    public enum Kind {
        MONTH, QUARTER, YEAR
    }

    private static final Pattern MONTH = Pattern.compile("(\\d{4})-(\\d{1,2})");
    private static final Pattern QUARTER = Pattern.compile("(\\d{4})-[Qq]([1-4])");
    private static final Pattern YEAR = Pattern.compile("(\\d{4})");

    /**
     * The period as typed, the current month when blank; one that is no period, that begins after the current
     * month or before 2000, is refused (field {@code period}).
     */
    public static ReviewPeriod parse(String text, YearMonth current) {
        if (text == null || text.isBlank()) {
            return month(current);
        }
        String t = text.trim();
        ReviewPeriod p;
        Matcher m;
        if ((m = MONTH.matcher(t)).matches() && Integer.parseInt(m.group(2)) >= 1
                && Integer.parseInt(m.group(2)) <= 12) {
            p = month(YearMonth.of(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2))));
        } else if ((m = QUARTER.matcher(t)).matches()) {
            p = quarter(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)));
        } else if (YEAR.matcher(t).matches()) {
            int y = Integer.parseInt(t);
            p = new ReviewPeriod(Kind.YEAR, YearMonth.of(y, 1), YearMonth.of(y, 12));
        } else {
            throw Invalid.of("period", "review.period.format", t);
        }
        if (p.first.isAfter(current)) {
            throw Invalid.of("period", "review.period.future", t);
        }
        if (p.first.getYear() < 2000) {
            // its own line: "has not begun" told of 1999 reads as a fault of the page, not of what was typed
            throw Invalid.of("period", "review.period.tooEarly", t);
        }
        return p;
    }

    public static ReviewPeriod month(YearMonth month) {
        return new ReviewPeriod(Kind.MONTH, month, month);
    }

    static ReviewPeriod quarter(int year, int q) {
        YearMonth first = YearMonth.of(year, (q - 1) * 3 + 1);
        return new ReviewPeriod(Kind.QUARTER, first, first.plusMonths(2));
    }

    /** The period of the same kind just before. */
    public ReviewPeriod previous() {
        long months = first.until(last, java.time.temporal.ChronoUnit.MONTHS) + 1;
        return new ReviewPeriod(kind, first.minusMonths(months), first.minusMonths(1));
    }

    /** The first day of the first month: the {@code month} column's lower bound. */
    public LocalDate from() {
        return first.atDay(1);
    }

    /** The first day of the last month: the {@code month} column's upper bound, included. */
    public LocalDate to() {
        return last.atDay(1);
    }

    /** As it is typed and linked: 2026-11, 2026-Q4, 2026. */
    @com.fasterxml.jackson.annotation.JsonProperty("name")
    public String name() {
        return switch (kind) {
            case MONTH -> first.toString();
            case QUARTER -> first.getYear() + "-Q" + ((first.getMonthValue() - 1) / 3 + 1);
            case YEAR -> String.valueOf(first.getYear());
        };
    }
}
