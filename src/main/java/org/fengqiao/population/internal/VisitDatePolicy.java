package org.fengqiao.population.internal;

import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;

/**
 * When a visit may be dated (走访时间). The rhythm of a key person's visits counts from his last visit, and the grid
 * chief is told when one is overdue; a visit that may be dated freely answers that reminder with a visit nobody can
 * check. So a visit is refused when it is dated:
 * <ul>
 *   <li>in the future (a few minutes of slack for a phone whose clock runs ahead);</li>
 *   <li>further back than the days allowed for entering a visit late ({@code fengqiao.care.visit-late-entry-days},
 *       default 30: a visit noted on paper in a village without signal is typed in within the month; a visit of
 *       last year typed in now is a record made for the list, not of a visit);</li>
 *   <li>for a key person's visit, before the day he became a key person: a visit before that was no visit to a
 *       key person, and the rhythm does not count it ({@link VisitRhythm}).</li>
 * </ul>
 * Days are the days of the place (Asia/Shanghai), so the limit is the same for every device whatever its zone.
 */
public final class VisitDatePolicy {

    /** How far ahead of the server's clock a visit may be dated: a phone's clock running ahead. */
    static final Duration CLOCK_SLACK = Duration.ofMinutes(5);

    /** Why a visit's date is refused. */
    public enum Refusal {
        FUTURE, TOO_LATE_ENTERED, BEFORE_DESIGNATION
    }

    /** What the policy says: no refusal, or the refusal with the earliest day a visit could be dated. */
    public record Decision(Refusal refusal, LocalDate earliest) {

        public boolean allowed() {
            return refusal == null;
        }
    }

    private VisitDatePolicy() {
    }

    /**
     * @param visitedAt      when the visit is said to have been made
     * @param now            the server's time
     * @param zone           the zone whose days count
     * @param lateEntryDays  how many days back a visit may be dated
     * @param keyPersonSince the day the visited person became a key person; null for a household's visit
     */
    public static Decision judge(OffsetDateTime visitedAt, OffsetDateTime now, ZoneId zone, int lateEntryDays,
            LocalDate keyPersonSince) {
        if (visitedAt.isAfter(now.plus(CLOCK_SLACK))) {
            return new Decision(Refusal.FUTURE, null);
        }
        LocalDate day = visitedAt.atZoneSameInstant(zone).toLocalDate();
        LocalDate earliest = now.atZoneSameInstant(zone).toLocalDate().minusDays(lateEntryDays);
        // the later of the two limits is the one to name: the earliest day the visit could have been dated
        if (keyPersonSince != null && keyPersonSince.isAfter(earliest)) {
            return day.isBefore(keyPersonSince) ? new Decision(Refusal.BEFORE_DESIGNATION, keyPersonSince)
                    : new Decision(null, null);
        }
        return day.isBefore(earliest) ? new Decision(Refusal.TOO_LATE_ENTERED, earliest) : new Decision(null, null);
    }
}
