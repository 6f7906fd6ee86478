package org.fengqiao.incident.internal;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import org.fengqiao.platform.Invalid;
import org.fengqiao.platform.web.LocalTimes;
import org.springframework.context.support.DefaultMessageSourceResolvable;

/**
 * Which periods the response times may be counted over. Figures are read about what has happened: a period must
 * have a start before its end, and may not reach past today (China Standard Time, the day the station works in) —
 * a period ending next week would look like a week of perfect timing, when it only has no items yet. The page takes
 * whole days (both included), the API instants ([from, to)); each problem names its field, and a date problem names
 * the field in the reader's language (the argument is resolved with the message).
 */
public final class ResponsePeriodPolicy {

    private ResponsePeriodPolicy() {
    }

    /** The first instant of tomorrow in China: where a period may end at the latest. */
    public static OffsetDateTime endOfToday(Instant now) {
        return LocalDate.ofInstant(now, LocalTimes.ZONE).plusDays(1).atStartOfDay(LocalTimes.ZONE).toOffsetDateTime();
    }

    /** The page's days, {@code first} to {@code last} both included: none after today, the first not after the last. */
    public static List<Invalid.Problem> checkDays(LocalDate first, LocalDate last, LocalDate today) {
        List<Invalid.Problem> problems = new ArrayList<>();
        if (first.isAfter(today)) {
            problems.add(afterToday("from", first, today));
        }
        if (last.isAfter(today)) {
            problems.add(afterToday("to", last, today));
        }
        if (first.isAfter(last)) {
            problems.add(new Invalid.Problem("from", "incident.times.period.datesReversed", new Object[0]));
        }
        return problems;
    }

    /** The API's instants, [from, to): from before to, from not after now, to not past the end of today. */
    public static List<Invalid.Problem> checkInstants(OffsetDateTime from, OffsetDateTime to, Instant now) {
        List<Invalid.Problem> problems = new ArrayList<>();
        if (!from.isBefore(to)) {
            problems.add(new Invalid.Problem("to", "incident.times.period.reversed", new Object[0]));
        }
        if (from.toInstant().isAfter(now)) {
            problems.add(new Invalid.Problem("from", "incident.times.period.future", new Object[0]));
        }
        OffsetDateTime end = endOfToday(now);
        if (to.isAfter(end)) {
            problems.add(new Invalid.Problem("to", "incident.times.period.beyondToday", new Object[] {end.toString()}));
        }
        return problems;
    }

    private static Invalid.Problem afterToday(String field, LocalDate day, LocalDate today) {
        return new Invalid.Problem(field, "incident.times.period.dayAfterToday",
                new Object[] {new DefaultMessageSourceResolvable("incident.times.field." + field), day.toString(),
                    today.toString()});
    }
}
