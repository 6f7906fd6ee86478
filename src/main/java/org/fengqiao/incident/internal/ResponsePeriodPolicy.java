package org.fengqiao.incident.internal;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import org.fengqiao.platform.Invalid;
import org.fengqiao.platform.web.LocalTimes;

/**
 * Which periods the response times may be counted over. Figures are read about what has happened: a period must
 * have a start before its end, and may not reach past today (China Standard Time, the day the station works in) —
 * a period ending next week would look like a week of perfect timing, when it only has no items yet. The API takes
 * instants ([from, to)), each problem naming its field; the page takes whole days, read and checked as the
 * satisfaction page's are (incident.web's ChosenDays).
 */
public final class ResponsePeriodPolicy {

    private ResponsePeriodPolicy() {
    }

    /** The first instant of tomorrow in China: where a period may end at the latest. */
    public static OffsetDateTime endOfToday(Instant now) {
        return LocalDate.ofInstant(now, LocalTimes.ZONE).plusDays(1).atStartOfDay(LocalTimes.ZONE).toOffsetDateTime();
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
}
