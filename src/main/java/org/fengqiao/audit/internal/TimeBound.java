package org.fengqiao.audit.internal;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import org.fengqiao.platform.Invalid;
import org.fengqiao.platform.web.LocalTimes;

/**
 * Reads the from/to filters. An API client sends an instant with its offset; the page's date and
 * time fields send local times (2026-05-01 08:30, or with the T of ISO 8601 and seconds), which mean Beijing time,
 * where the platform is used. A bare date
 * as {@code to} means the end of that day, so "from 1 May to 1 May" is the whole of 1 May.
 */
public final class TimeBound {

    public static final ZoneId BEIJING = LocalTimes.ZONE;

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
        try {
            if (value.length() == 10) {
                LocalDate day = LocalDate.parse(value);
                return (endOfDay ? day.plusDays(1) : day).atStartOfDay(BEIJING).toInstant();
            }
            if (value.endsWith("Z") || value.matches(".*[+-]\\d{2}:?\\d{2}$")) {
                return OffsetDateTime.parse(value).toInstant();
            }
            return LocalDateTime.parse(value).atZone(BEIJING).toInstant();
        } catch (DateTimeParseException e) {
            throw Invalid.of(field, "audit.error.time");
        }
    }
}
