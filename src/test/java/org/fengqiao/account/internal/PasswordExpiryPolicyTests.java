package org.fengqiao.account.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.fengqiao.account.internal.PasswordExpiryPolicy.State;
import org.junit.jupiter.api.Test;

/** A password expires its maximum age after it was set, and is warned of a week before; zero lets none expire. */
class PasswordExpiryPolicyTests {

    static final Instant SET = Instant.parse("2026-09-01T02:00:00Z");
    static final Duration NINETY_DAYS = Duration.ofDays(90);

    @Test
    void aPasswordIsCurrentUntilAWeekBeforeItsMaximumAgeThenExpiringThenExpired() {
        Instant expires = SET.plus(NINETY_DAYS);

        PasswordExpiryPolicy.Decision early = PasswordExpiryPolicy.decide(SET, NINETY_DAYS, SET.plus(Duration.ofDays(82)));
        assertThat(early.state()).isEqualTo(State.CURRENT);
        assertThat(early.expiresAt()).isEqualTo(expires);

        assertThat(PasswordExpiryPolicy.decide(SET, NINETY_DAYS, expires.minus(Duration.ofDays(7)).minusSeconds(1))
                .state()).isEqualTo(State.CURRENT);
        assertThat(PasswordExpiryPolicy.decide(SET, NINETY_DAYS, expires.minus(Duration.ofDays(7))).state())
                .isEqualTo(State.EXPIRING);
        assertThat(PasswordExpiryPolicy.decide(SET, NINETY_DAYS, expires.minusSeconds(1)).expiring()).isTrue();

        PasswordExpiryPolicy.Decision late = PasswordExpiryPolicy.decide(SET, NINETY_DAYS, expires);
        assertThat(late.expired()).isTrue();
        assertThat(late.expiresAt()).isEqualTo(expires);
        assertThat(PasswordExpiryPolicy.decide(SET, NINETY_DAYS, expires.plus(Duration.ofDays(400))).expired()).isTrue();
    }

    @Test
    void aMaximumAgeOfZeroLetsNoPasswordExpire() {
        PasswordExpiryPolicy.Decision never = PasswordExpiryPolicy.decide(SET, Duration.ZERO, SET.plus(Duration.ofDays(4000)));
        assertThat(never.state()).isEqualTo(State.CURRENT);
        assertThat(never.expiresAt()).isNull();
    }

    @Test
    void aPasswordWhoseTimeOfSettingIsUnknownIsNotCalledExpired() {
        PasswordExpiryPolicy.Decision unknown = PasswordExpiryPolicy.decide(null, NINETY_DAYS, SET);
        assertThat(unknown.state()).isEqualTo(State.CURRENT);
        assertThat(unknown.reason()).contains("unknown");
    }
}
