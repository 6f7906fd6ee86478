package org.fengqiao.population.internal;

import java.time.LocalDate;
import java.time.Period;
import java.time.temporal.ChronoUnit;
import org.fengqiao.population.Risk;

/**
 * The visit rhythm of key persons (重点人员走访频次), the rule the overdue list and the sweep share.
 *
 * <ul>
 *   <li>The next visit is due one interval after the day the rhythm counts from: the later of the day of
 *       the last visit recorded for the person or their household and the day the person became a key
 *       person. A household visit made before he was designated is no visit to a key person: counted from
 *       it, a person designated a month after his household's last visit would be overdue at once, and his
 *       grid chief would never get the rhythm's interval for the first visit. The interval is set by the current risk level (configuration
 *       {@code fengqiao.care.rhythm}; defaults: high weekly, medium every two weeks, low monthly).
 *       Changing the risk level moves the due date at once.</li>
 *   <li>A key person with no risk level yet is visited at the high-risk rhythm until assessed.</li>
 *   <li>The visit is overdue from the day after the due date on.</li>
 *   <li>A person who has left the area (residence LEFT) has no rhythm, is never overdue and is listed as
 *       exempt: nobody can be visited at a door he left.</li>
 *   <li>A trusted household (放心户) does not exempt its key person. Seed 002 sets the two apart: trusted
 *       households only record changes, key persons are managed by their grid with a helper team. Exempting
 *       him let one tick at the door drop a drug-involved person from his visits without a word.</li>
 * </ul>
 */
public final class VisitRhythm {

    /** Why a key person has no rhythm. */
    public enum Exemption {
        LEFT_AREA
    }

    /** What the rule says for one person on one day. */
    public record Status(Risk risk, Period interval, LocalDate countedFrom, LocalDate lastVisitOn, LocalDate nextDue,
            boolean overdue, long daysOverdue, Exemption exemption) {
    }

    private final CareProperties.Rhythm intervals;

    public VisitRhythm(CareProperties.Rhythm intervals) {
        this.intervals = intervals;
    }

    /** An interval for people to read: a message key (care.period.weeks, .months, .days) and its count. */
    public static Object[] describe(Period p) {
        if (p.toTotalMonths() > 0 && p.getDays() == 0) {
            return new Object[] {"care.period.months", p.toTotalMonths()};
        }
        long days = p.toTotalMonths() * 30 + p.getDays();
        return days % 7 == 0 ? new Object[] {"care.period.weeks", days / 7} : new Object[] {"care.period.days", days};
    }

    public Period interval(Risk risk) {
        return switch (risk == null ? Risk.HIGH : risk) {
            case HIGH -> intervals.high();
            case MEDIUM -> intervals.medium();
            case LOW -> intervals.low();
        };
    }

    /**
     * @param risk             the current risk level, null when not assessed yet
     * @param keyPersonSince   the day the person became a key person
     * @param lastVisitOn      the day of the last visit to the person or their household, null if none (a visit
     *                         before keyPersonSince does not count)
     * @param leftArea         whether the person has left the area
     * @param today            the day asked about
     */
    public Status status(Risk risk, LocalDate keyPersonSince, LocalDate lastVisitOn, boolean leftArea,
            LocalDate today) {
        LocalDate countedFrom = later(lastVisitOn, keyPersonSince);
        if (leftArea) {
            return new Status(risk, null, countedFrom, lastVisitOn, null, false, 0, Exemption.LEFT_AREA);
        }
        Period interval = interval(risk);
        LocalDate due = (countedFrom == null ? today : countedFrom).plus(interval);
        long late = ChronoUnit.DAYS.between(due, today);
        return new Status(risk, interval, countedFrom, lastVisitOn, due, late > 0, Math.max(0, late), null);
    }

    /** The later of two days, either of which may be missing. */
    private static LocalDate later(LocalDate a, LocalDate b) {
        if (a == null) {
            return b;
        }
        return b == null || a.isAfter(b) ? a : b;
    }
}
