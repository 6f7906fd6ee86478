package org.fengqiao.forces.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** A zone's day covered by its posts' shifts: gaps in China time, overlaps counted once, midnight cut at the day. */
class CoverageTests {

    static final LocalDate DAY = LocalDate.of(2026, 12, 5);
    static final Companies.Zone ZONE = new Companies.Zone(UUID.randomUUID(), "LQ-1", "第一联勤区", "/1/");

    /** A time before every shift of these tests: the day read ahead, its shifts all still to come. */
    static final OffsetDateTime AHEAD = DAY.minusDays(7).atStartOfDay(ForcesDesk.CHINA).toOffsetDateTime();

    static OffsetDateTime at(int day, int hour) {
        return DAY.plusDays(day).atStartOfDay(ForcesDesk.CHINA).plusHours(hour).toOffsetDateTime();
    }

    static Posts.Shift shift(OffsetDateTime from, OffsetDateTime to) {
        return new Posts.Shift(UUID.randomUUID(), UUID.randomUUID(), "岗", null, null, null, "/1/", UUID.randomUUID(),
                "保安", from, to, null, null, 0, false);
    }

    @Test
    void threeEightHourShiftsAtDifferentPostsCoverTheDay() {
        Coverage.Zone c = Coverage.of(ZONE, DAY, List.of(shift(at(0, 16), at(1, 0)), shift(at(0, 0), at(0, 8)),
                shift(at(0, 8), at(0, 16))), AHEAD);
        assertThat(c.full()).isTrue();
        assertThat(c.coveredMinutes()).isEqualTo(24 * 60);
        assertThat(c.shifts()).isEqualTo(3);
    }

    @Test
    void overlapsCountOnceAndAShiftOverMidnightCountsForItsPartOfTheDay() {
        // 22:00 the day before to 06:00, 08:00-16:00 and 12:00-20:00 overlapping, and one wholly the next day
        Coverage.Zone c = Coverage.of(ZONE, DAY, List.of(shift(at(-1, 22), at(0, 6)), shift(at(0, 12), at(0, 20)),
                shift(at(0, 8), at(0, 16)), shift(at(1, 0), at(1, 8))), AHEAD);
        assertThat(c.shifts()).isEqualTo(3);
        assertThat(c.gaps()).extracting(Coverage.Gap::label).containsExactly("06:00–08:00", "20:00–24:00");
        assertThat(c.coveredMinutes()).isEqualTo(18 * 60);
        assertThat(c.full()).isFalse();
    }

    @Test
    void aDayWithoutShiftsIsOneGapAndTimesAreReadInChinaTimeWhateverTheOffsetSent() {
        assertThat(Coverage.of(ZONE, DAY, List.of(), AHEAD).gaps()).extracting(Coverage.Gap::label)
                .containsExactly("00:00–24:00");
        // 2026-12-05 00:00 to 12:00 in China, sent in UTC
        OffsetDateTime utc = OffsetDateTime.parse("2026-12-04T16:00:00Z");
        Coverage.Zone c = Coverage.of(ZONE, DAY, List.of(shift(utc, utc.plusHours(12))), AHEAD);
        assertThat(c.gaps()).extracting(Coverage.Gap::label).containsExactly("12:00–24:00");
    }

    static Posts.Shift stood(OffsetDateTime from, OffsetDateTime to, OffsetDateTime in, OffsetDateTime out,
            boolean closedUnchecked) {
        return new Posts.Shift(UUID.randomUUID(), UUID.randomUUID(), "岗", null, null, null, "/1/", UUID.randomUUID(),
                "保安", from, to, in, out, 1, closedUnchecked);
    }

    @Test
    void aShiftCheckedInLateOrOutEarlyCoversOnlyTheTimeHeStood() {
        // 00:00-08:00 checked in at 02:00 and out at 06:00; 08:00-16:00 checked in early at 07:30, out late at 17:00
        Coverage.Zone c = Coverage.of(ZONE, DAY, List.of(stood(at(0, 0), at(0, 8), at(0, 2), at(0, 6), false),
                stood(at(0, 8), at(0, 16), at(0, 7).plusMinutes(30), at(0, 17), false)), AHEAD);
        assertThat(c.gaps()).extracting(Coverage.Gap::label).containsExactly("00:00–02:00", "06:00–08:00",
                "16:00–24:00");
        assertThat(c.coveredMinutes()).isEqualTo(12 * 60);
        assertThat(c.shifts()).isEqualTo(2);
    }

    @Test
    void aShiftClosedWithoutCheckOutCoversFromItsCheckInToItsBookedEndAndOneStillOpenToo() {
        // closed by the sweep: its check-out is the booked end, written by the system; checked in at 03:00
        Coverage.Zone c = Coverage.of(ZONE, DAY, List.of(stood(at(0, 0), at(0, 8), at(0, 3), at(0, 8), true),
                stood(at(0, 8), at(0, 16), at(0, 10), null, false)), AHEAD);
        assertThat(c.gaps()).extracting(Coverage.Gap::label).containsExactly("00:00–03:00", "08:00–10:00",
                "16:00–24:00");
        assertThat(c.coveredMinutes()).isEqualTo(11 * 60);
    }

    @Test
    void aShiftCheckedOutBeforeItsStartCoversNothing() {
        Coverage.Zone c = Coverage.of(ZONE, DAY, List.of(stood(at(0, 8), at(0, 16), at(0, 7), at(0, 7).plusMinutes(40),
                false)), AHEAD);
        assertThat(c.shifts()).isZero();
        assertThat(c.gaps()).extracting(Coverage.Gap::label).containsExactly("00:00–24:00");
    }

    @Test
    void aShiftRunningNowThatNobodyCheckedInToLeavesItsTimeSoFarAsAGapAndIsNamedAsUnattended() {
        // 08:00-16:00 booked, nobody checked in, read at 11:00; 16:00-24:00 still to come covers its booked time
        Posts.Shift empty = shift(at(0, 8), at(0, 16));
        Coverage.Zone c = Coverage.of(ZONE, DAY, List.of(empty, shift(at(0, 16), at(1, 0))), at(0, 11));
        assertThat(c.gaps()).extracting(Coverage.Gap::label).containsExactly("00:00–11:00");
        assertThat(c.coveredMinutes()).isEqualTo(13 * 60);
        assertThat(c.unattended()).extracting(Coverage.Unattended::shiftId).containsExactly(empty.id());
        assertThat(c.unattended()).extracting(Coverage.Unattended::label).containsExactly("08:00–16:00");
        // once he checks in at 11:30 the post is manned from then on, and nothing is unattended
        Posts.Shift manned = stood(at(0, 8), at(0, 16), at(0, 11).plusMinutes(30), null, false);
        Coverage.Zone later = Coverage.of(ZONE, DAY, List.of(manned, shift(at(0, 16), at(1, 0))),
                at(0, 12));
        assertThat(later.gaps()).extracting(Coverage.Gap::label).containsExactly("00:00–11:30");
        assertThat(later.unattended()).isEmpty();
    }

    @Test
    void shiftsClosedWithoutCheckOutAreCountedApartFromTheShiftsStood() {
        Coverage.Zone c = Coverage.of(ZONE, DAY, List.of(stood(at(0, 0), at(0, 8), at(0, 0), at(0, 8), true),
                stood(at(0, 8), at(0, 16), at(0, 8), at(0, 16), false)), at(2, 0));
        assertThat(c.shifts()).isEqualTo(1);
        assertThat(c.closedUnchecked()).isEqualTo(1);
        assertThat(c.coveredMinutes()).isEqualTo(16 * 60);
    }
}
