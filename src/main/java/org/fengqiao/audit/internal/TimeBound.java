package org.fengqiao.audit.internal;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import org.fengqiao.platform.Invalid;
import org.fengqiao.platform.PeriodFigures;
import org.fengqiao.platform.web.LocalTimes;

/**
 * Reads the from/to filters. An API client sends an instant with its offset; the page's date and
 * time fields send local times (2026-05-01 08:30, or with the T of ISO 8601 and seconds), which mean Beijing time,
 * where the platform is used. A bare date
 * as {@code to} means the end of that day, so "from 1 May to 1 May" is the whole of 1 May. A time on a day out of
 * 1900-2099 (the year 1, 99999) is refused naming what was typed, as every day filter refuses such a day.
 */
public final class TimeBound {

    public static final ZoneId BEIJING = LocalTimes.ZONE;

    /** The days a time may fall on, as every other day filter takes them. */
    static final LocalDate EARLIEST = PeriodFigures.Period.EARLIEST;
    static final LocalDate LATEST = PeriodFigures.Period.LATEST;

    /** The longest part of a time typed repeated in its refusal. */
    private static final int SHOWN = 40;

    private TimeBound() {
    }

    public static Instant from(String text) {
        return parse("from", text, false);
    }

    public static Instant to(String text) {
        return parse("to", text, true);
    }

    private static Instant parse(String field, String text, boolean endOfDay) {
        if (text == null || text.isBlank()) {
            return null;
        }
        // A "+" left unencoded in a query string arrives as a space: "T10:00:00 08:00" meant "+08:00". Only after a
        // time, so that the page's own form, a date and a time with a space between (2026-05-01 08:30), is read as such.
        String value = text.trim().replaceFirst("([ T]\\d{2}:\\d{2}(?::\\d{2}(?:\\.\\d+)?)?) (\\d{2}:\\d{2})$", "$1+$2")
                .replaceFirst("^(\\d{4}-\\d{2}-\\d{2}) +(\\d{2}:\\d{2})", "$1T$2");
        Instant at;
        LocalDate day;
        try {
            if (value.length() == 10) {
                day = LocalDate.parse(value);
                at = (endOfDay ? day.plusDays(1) : day).atStartOfDay(BEIJING).toInstant();
            } else if (value.endsWith("Z") || value.matches(".*[+-]\\d{2}:?\\d{2}$")) {
                OffsetDateTime time = OffsetDateTime.parse(value);
                day = time.toLocalDate();
                at = time.toInstant();
            } else {
                LocalDateTime time = LocalDateTime.parse(value);
                day = time.toLocalDate();
                at = time.atZone(BEIJING).toInstant();
            }
        } catch (DateTimeException e) {
            // a parse error, or a time past what an instant holds (+999999999-12-31T23:59:59-18:00)
            throw Invalid.of(field, "audit.error.time");
        }
        // the year 1 or 99999 is a mistyped year: the first listed everything as if no bound were set, and a year
        // past what the database's times hold (300000) failed the search
        if (day.isBefore(EARLIEST) || day.isAfter(LATEST)) {
            String shown = text.strip();
            throw Invalid.of(field, "audit.error.timeOutOfRange",
                    shown.length() > SHOWN ? shown.substring(0, SHOWN) + "…" : shown, EARLIEST.toString(),
                    LATEST.toString());
        }
        return at;
    }
}
