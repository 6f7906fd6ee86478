package org.fengqiao.population.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/**
 * A visit is dated neither in the future nor further back than the late-entry days, and a key person's not before he
 * became one; days are Beijing's, whatever the zone the device sent.
 */
class VisitDatePolicyTests {

    static final ZoneId LOCAL = ZoneId.of("Asia/Shanghai");
    static final OffsetDateTime NOW = OffsetDateTime.of(2026, 12, 5, 10, 0, 0, 0, ZoneOffset.ofHours(8));

    static VisitDatePolicy.Decision judge(OffsetDateTime at, LocalDate since) {
        return VisitDatePolicy.judge(at, NOW, LOCAL, 30, since);
    }

    @Test
    void aVisitMayBeEnteredUpTo30DaysLateAndNoLater() {
        assertThat(judge(NOW, null).allowed()).isTrue();
        assertThat(judge(NOW.minusDays(30).withHour(0), null).allowed()).as("the 30th day back").isTrue();
        VisitDatePolicy.Decision old = judge(NOW.minusDays(31).withHour(23), null);
        assertThat(old.refusal()).isEqualTo(VisitDatePolicy.Refusal.TOO_LATE_ENTERED);
        assertThat(old.earliest()).isEqualTo("2026-11-05");
        assertThat(judge(NOW.minusYears(3), null).refusal()).isEqualTo(VisitDatePolicy.Refusal.TOO_LATE_ENTERED);
    }

    @Test
    void theDaysAreBeijingsWhateverTheZoneTheDeviceSent() {
        // 4 November 20:00 in London is 5 November 04:00 in Beijing: the 30th day back, allowed
        assertThat(judge(OffsetDateTime.of(2026, 11, 4, 20, 0, 0, 0, ZoneOffset.UTC), null).allowed()).isTrue();
        assertThat(judge(OffsetDateTime.of(2026, 11, 4, 15, 0, 0, 0, ZoneOffset.UTC), null).allowed()).isFalse();
    }

    @Test
    void aVisitInTheFutureIsRefusedBeyondAFewMinutesOfAPhonesClock() {
        assertThat(judge(NOW.plusMinutes(4), null).allowed()).isTrue();
        assertThat(judge(NOW.plusMinutes(6), null).refusal()).isEqualTo(VisitDatePolicy.Refusal.FUTURE);
        assertThat(judge(NOW.plusDays(1), LocalDate.of(2026, 1, 1)).refusal())
                .isEqualTo(VisitDatePolicy.Refusal.FUTURE);
    }

    @Test
    void aKeyPersonsVisitIsNotDatedBeforeHeBecameOne() {
        LocalDate since = LocalDate.of(2026, 12, 1);
        VisitDatePolicy.Decision before = judge(NOW.minusDays(5), since);
        assertThat(before.refusal()).isEqualTo(VisitDatePolicy.Refusal.BEFORE_DESIGNATION);
        assertThat(before.earliest()).isEqualTo(since);
        assertThat(judge(since.atStartOfDay(LOCAL).toOffsetDateTime(), since).allowed()).as("the day itself").isTrue();
        // designated long ago: the late-entry limit is the one that holds
        assertThat(judge(NOW.minusDays(40), LocalDate.of(2020, 1, 1)).refusal())
                .isEqualTo(VisitDatePolicy.Refusal.TOO_LATE_ENTERED);
    }

    @Test
    void noLateEntryAtAllAllowsTodayOnly() {
        assertThat(VisitDatePolicy.judge(NOW.withHour(0), NOW, LOCAL, 0, null).allowed()).isTrue();
        assertThat(VisitDatePolicy.judge(NOW.minusDays(1), NOW, LOCAL, 0, null).allowed()).isFalse();
    }
}
