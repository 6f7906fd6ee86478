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
import java.util.UUID;

/**
 * 全时段保安联勤 (seed 001): whether the shifts at the posts of a joint-patrol zone together cover a whole day in China
 * time, and the times left uncovered. Shifts complement each other in time and place, so any post of the zone
 * counts; overlapping shifts count once, a shift over midnight counts for the part inside the day.
 */
public final class Coverage {

    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm");

    private Coverage() {
    }

    /**
     * One zone's day: how many shifts cover part of it (stood, on watch or booked ahead), apart from them those the
     * sweep closed without a check-out (closedUnchecked: nobody said he stood them to the end, so the chief reads
     * them apart from the shifts stood), the shifts running now that nobody checked in to (unattended: their post is
     * empty now), the minutes covered and the gaps, in time order.
     */
    @Schema(name = "ZoneCoverage")
    public record Zone(Companies.Zone zone, LocalDate day, int shifts, int closedUnchecked, List<Unattended> unattended,
            long coveredMinutes, List<Gap> gaps) {

        /** Covered around the clock. */
        @JsonProperty("full")
        public boolean full() {
            return gaps.isEmpty();
        }
    }

    /** A shift running now that nobody checked in to: its post is empty since its start. */
    @Schema(name = "UnattendedShift")
    public record Unattended(UUID shiftId, UUID postId, String postName, OffsetDateTime startsAt,
            OffsetDateTime endsAt) {

        /** 08:00–16:00 in China time. */
        public String label() {
            return startsAt.atZoneSameInstant(ForcesDesk.CHINA).format(CLOCK) + "–"
                    + endsAt.atZoneSameInstant(ForcesDesk.CHINA).format(CLOCK);
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
     * The time a shift covers by {@code now}, as the station chief reads his posts: a shift nobody checked in to yet
     * covers its booked times still to come (the query leaves out those that ended without one: nobody came), so one
     * running now with nobody there leaves the time from its start to now as a gap — the post is empty, whatever
     * the roster says; one checked in covers from
     * the check-in (or the booked start, if he came early) to the check-out (or the booked end, if he stayed on).
     * A shift closed by the sweep without a check-out (closedUnchecked) covers from its check-in to its booked end
     * at most: he was seen at his post and nothing says he left it, so the chief would not send a second guard
     * for those hours; its check-out time is the sweep's (the booked end), not his. Null when it covers nothing
     * (checked out before the booked start).
     */
    static OffsetDateTime[] covers(Posts.Shift s, OffsetDateTime now) {
        if (s.checkedInAt() == null) {
            OffsetDateTime from = s.startsAt().isAfter(now) ? s.startsAt() : now;
            return from.isBefore(s.endsAt()) ? new OffsetDateTime[] {from, s.endsAt()} : null;
        }
        OffsetDateTime from = s.checkedInAt().isAfter(s.startsAt()) ? s.checkedInAt() : s.startsAt();
        OffsetDateTime to = s.checkedOutAt() == null || s.closedUnchecked() || s.checkedOutAt().isAfter(s.endsAt())
                ? s.endsAt() : s.checkedOutAt();
        return from.isBefore(to) ? new OffsetDateTime[] {from, to} : null;
    }

    /**
     * The zone's coverage of the day by the shifts given as it stands at {@code now} (those covering part of the
     * day; others are ignored).
     */
    static Zone of(Companies.Zone zone, LocalDate day, List<Posts.Shift> shifts, OffsetDateTime now) {
        OffsetDateTime from = start(day);
        OffsetDateTime to = end(day);
        List<OffsetDateTime[]> inDay = new ArrayList<>();
        int stood = 0;
        int closedUnchecked = 0;
        for (Posts.Shift s : shifts) {
            OffsetDateTime[] c = covers(s, now);
            if (c != null && c[1].isAfter(from) && c[0].isBefore(to)) {
                inDay.add(c);
                if (s.closedUnchecked()) {
                    closedUnchecked++;
                } else {
                    stood++;
                }
            }
        }
        inDay.sort(Comparator.comparing((OffsetDateTime[] c) -> c[0]));
        // started, not over, nobody checked in, and its time falls in the day: the chief should send someone now
        List<Unattended> unattended = shifts.stream()
                .filter(s -> s.checkedInAt() == null && !s.startsAt().isAfter(now) && s.endsAt().isAfter(now)
                        && s.endsAt().isAfter(from) && s.startsAt().isBefore(to))
                .map(s -> new Unattended(s.id(), s.postId(), s.postName(), s.startsAt(), s.endsAt())).toList();
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
        return new Zone(zone, day, stood, closedUnchecked, unattended, Duration.between(from, to).toMinutes() - open,
                List.copyOf(gaps));
    }
}
