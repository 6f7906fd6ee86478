package org.fengqiao.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

/**
 * The application's clock keeps the officers' day whatever zone the server runs in: at 07:30 in Beijing a server on
 * UTC is still at yesterday's 23:30, and "today" (deadlines, registration dates, rosters) must be Beijing's.
 */
class ClockConfigurationTests {

    @Test
    void todayIsBeijingsDayEvenWhereTheServerIsStillOnYesterday() {
        Clock clock = new ClockConfiguration().clock();
        assertThat(clock.getZone()).isEqualTo(ZoneId.of("Asia/Shanghai"));
        Instant halfPastSevenInBeijing = Instant.parse("2026-12-02T23:30:00Z");
        assertThat(LocalDate.ofInstant(halfPastSevenInBeijing, clock.getZone())).isEqualTo(LocalDate.of(2026, 12, 3));
    }
}
