package org.fengqiao.forces.internal;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * 全时段保安联勤 (seed 001): whether the shifts at the posts of a joint-patrol zone together cover a whole day in China
 * time, and the times left uncovered. Shifts complement each other in time and place, so any post of the zone
 * counts; overlapping shifts count once, a shift over midnight counts for the part inside the day.
 */
public final class Coverage {

    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm");

    private Coverage() {
    }

    /** One zone's day: how many shifts touch it, the minutes covered and the gaps, in time order. */
    @Schema(name = "ZoneCoverage")
    public record Zone(Companies.Zone zone, LocalDate day, int shifts, long coveredMinutes, List<Gap> gaps) {

        /** Covered around the clock. */
        @JsonProperty("full")
        public boolean full() {
            return gaps.isEmpty();
        }
    }

    /** A time of the day no shift of the zone covers, in China time. */
    @Schema(name = "CoverageGap")
    public record Gap(OffsetDateTime from, OffsetDateTime to) {

        public long minutes() {
            return Duration.between(from, to).toMinutes();
        }

        /** 00:00–08:00, the day's end written 24:00. */
        public String label() {
            OffsetDateTime f = from.atZoneSameInstant(ForcesDesk.CHINA).toOffsetDateTime();
            OffsetDateTime t = to.atZoneSameInstant(ForcesDesk.CHINA).toOffsetDateTime();
            String end = t.toLocalDate().isAfter(f.toLocalDate()) && t.toLocalTime().equals(LocalTime.MIDNIGHT)
                    ? "24:00" : t.format(CLOCK);
            return f.format(CLOCK) + "–" + end;
        }
    }

    /** The start of the day in China time and of the next: the day a coverage is judged over. */
    static OffsetDateTime start(LocalDate day) {
        return day.atStartOfDay(ForcesDesk.CHINA).toOffsetDateTime();
    }

    static OffsetDateTime end(LocalDate day) {
        return day.plusDays(1).atStartOfDay(ForcesDesk.CHINA).toOffsetDateTime();
    }

    /**
     * The time a shift covers, as the station chief reads his posts: a shift nobody checked in to yet covers its
     * booked times (the query leaves out those that ended without one: nobody came); one checked in covers from
     * the check-in (or the booked start, if he came early) to the check-out (or the booked end, if he stayed on).
     * A shift closed by the sweep without a check-out (closedUnchecked) covers from its check-in to its booked end
     * at most: he was seen at his post and nothing says he left it, so the chief would not send a second guard
     * for those hours; its check-out time is the sweep's (the booked end), not his. Null when it covers nothing
     * (checked out before the booked start).
     */
    static OffsetDateTime[] covers(Posts.Shift s) {
        if (s.checkedInAt() == null) {
            return new OffsetDateTime[] {s.startsAt(), s.endsAt()};
        }
        OffsetDateTime from = s.checkedInAt().isAfter(s.startsAt()) ? s.checkedInAt() : s.startsAt();
        OffsetDateTime to = s.checkedOutAt() == null || s.closedUnchecked() || s.checkedOutAt().isAfter(s.endsAt())
                ? s.endsAt() : s.checkedOutAt();
        return from.isBefore(to) ? new OffsetDateTime[] {from, to} : null;
    }

    /** The zone's coverage of the day by the shifts given (those covering part of the day; others are ignored). */
    static Zone of(Companies.Zone zone, LocalDate day, List<Posts.Shift> shifts) {
        OffsetDateTime from = start(day);
        OffsetDateTime to = end(day);
        List<OffsetDateTime[]> inDay = shifts.stream().map(Coverage::covers)
                .filter(c -> c != null && c[1].isAfter(from) && c[0].isBefore(to))
                .sorted(Comparator.comparing((OffsetDateTime[] c) -> c[0])).toList();
        List<Gap> gaps = new ArrayList<>();
        OffsetDateTime covered = from;
        for (OffsetDateTime[] s : inDay) {
            if (s[0].isAfter(covered)) {
                gaps.add(new Gap(covered, s[0]));
            }
            if (s[1].isAfter(covered)) {
                covered = s[1];
            }
            if (!covered.isBefore(to)) {
                break;
            }
        }
        if (covered.isBefore(to)) {
            gaps.add(new Gap(covered, to));
        }
        long open = gaps.stream().mapToLong(Gap::minutes).sum();
        return new Zone(zone, day, inDay.size(), Duration.between(from, to).toMinutes() - open, List.copyOf(gaps));
    }
}
