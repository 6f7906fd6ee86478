package org.fengqiao.incident.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.fengqiao.support.MovableClock;
import org.junit.jupiter.api.Test;

class FilingLimitTests {

    @Test
    void anAddressMaySendItsShareWithinAnHourAndAgainAsTheHourSlidesOn() {
        MovableClock clock = new MovableClock(Instant.parse("2026-11-30T08:00:00Z"), ZoneOffset.UTC);
        FilingLimit limit = new FilingLimit(3, clock);
        assertThat(limit.admit("203.0.113.1")).isTrue();
        clock.advance(Duration.ofMinutes(20));
        assertThat(limit.admit("203.0.113.1")).isTrue();
        assertThat(limit.admit("203.0.113.1")).isTrue();
        assertThat(limit.admit("203.0.113.1")).as("the fourth within the hour").isFalse();
        assertThat(limit.admit("203.0.113.2")).as("another address has its own share").isTrue();
        clock.advance(Duration.ofMinutes(40));
        assertThat(limit.admit("203.0.113.1")).as("the first has left the window").isTrue();
        assertThat(limit.admit("203.0.113.1")).isFalse();
    }
}
