package org.fengqiao.duty;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import org.fengqiao.platform.web.LocalTimes;
import org.junit.jupiter.api.Test;

class DutyPeriodTests {

    static LocalDate chinaDay(String instant) {
        return LocalDate.ofInstant(Instant.parse(instant), LocalTimes.ZONE);
    }

    @Test
    void aWeekRunsFromMondayToSundayInChinaTime() {
        // Sunday 16:30 UTC is already Monday 00:30 in China: a new week has begun there
        LocalDate monday = chinaDay("2026-12-06T16:30:00Z");
        assertThat(monday).isEqualTo(LocalDate.of(2026, 12, 7));
        assertThat(DutyPeriod.WEEK.start(monday)).isEqualTo(monday);
        assertThat(DutyPeriod.WEEK.end(monday)).isEqualTo(LocalDate.of(2026, 12, 13));
        // Sunday 15:59 UTC is Sunday 23:59 in China: still the week that began on Monday the 30th
        LocalDate sunday = chinaDay("2026-12-06T15:59:00Z");
        assertThat(DutyPeriod.WEEK.start(sunday)).isEqualTo(LocalDate.of(2026, 11, 30));
        assertThat(DutyPeriod.WEEK.end(sunday)).isEqualTo(sunday);
        assertThat(DutyPeriod.WEEK.previous(monday)).isEqualTo(LocalDate.of(2026, 11, 30));
    }

    @Test
    void aMonthEndsOnItsLastDayAcrossLeapYears() {
        assertThat(DutyPeriod.MONTH.start(LocalDate.of(2028, 2, 29))).isEqualTo(LocalDate.of(2028, 2, 1));
        assertThat(DutyPeriod.MONTH.end(LocalDate.of(2028, 2, 10))).isEqualTo(LocalDate.of(2028, 2, 29));
        assertThat(DutyPeriod.MONTH.end(LocalDate.of(2027, 2, 10))).isEqualTo(LocalDate.of(2027, 2, 28));
        assertThat(DutyPeriod.MONTH.previous(LocalDate.of(2027, 1, 15))).isEqualTo(LocalDate.of(2026, 12, 1));
        // the last evening of January in UTC is already February in China
        assertThat(DutyPeriod.MONTH.start(chinaDay("2027-01-31T16:00:00Z"))).isEqualTo(LocalDate.of(2027, 2, 1));
    }

    @Test
    void quartersStartInJanuaryAprilJulyAndOctober() {
        assertThat(DutyPeriod.QUARTER.start(LocalDate.of(2026, 3, 31))).isEqualTo(LocalDate.of(2026, 1, 1));
        assertThat(DutyPeriod.QUARTER.end(LocalDate.of(2026, 1, 1))).isEqualTo(LocalDate.of(2026, 3, 31));
        assertThat(DutyPeriod.QUARTER.start(LocalDate.of(2026, 5, 20))).isEqualTo(LocalDate.of(2026, 4, 1));
        assertThat(DutyPeriod.QUARTER.end(LocalDate.of(2026, 8, 2))).isEqualTo(LocalDate.of(2026, 9, 30));
        assertThat(DutyPeriod.QUARTER.start(LocalDate.of(2026, 12, 31))).isEqualTo(LocalDate.of(2026, 10, 1));
        assertThat(DutyPeriod.QUARTER.previous(LocalDate.of(2027, 2, 1))).isEqualTo(LocalDate.of(2026, 10, 1));
        // 31 March 16:00 UTC is 1 April in China: the second quarter
        assertThat(DutyPeriod.QUARTER.start(chinaDay("2026-03-31T16:00:00Z"))).isEqualTo(LocalDate.of(2026, 4, 1));
    }

    @Test
    void aDayIsItsOwnPeriod() {
        LocalDate day = LocalDate.of(2026, 12, 5);
        assertThat(DutyPeriod.DAY.start(day)).isEqualTo(day);
        assertThat(DutyPeriod.DAY.end(day)).isEqualTo(day);
        assertThat(DutyPeriod.DAY.previous(day)).isEqualTo(day.minusDays(1));
    }
}
