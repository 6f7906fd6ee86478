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

    /** The zone's coverage of the day by the shifts given (those overlapping the day; others are ignored). */
    static Zone of(Companies.Zone zone, LocalDate day, List<Posts.Shift> shifts) {
        OffsetDateTime from = start(day);
        OffsetDateTime to = end(day);
        List<Posts.Shift> inDay = shifts.stream().filter(s -> s.endsAt().isAfter(from) && s.startsAt().isBefore(to))
                .sorted(Comparator.comparing(Posts.Shift::startsAt)).toList();
        List<Gap> gaps = new ArrayList<>();
        OffsetDateTime covered = from;
        for (Posts.Shift s : inDay) {
            if (s.startsAt().isAfter(covered)) {
                gaps.add(new Gap(covered, s.startsAt()));
            }
            if (s.endsAt().isAfter(covered)) {
                covered = s.endsAt();
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
