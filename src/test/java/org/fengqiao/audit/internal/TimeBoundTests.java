package org.fengqiao.audit.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.fengqiao.platform.Invalid;
import org.junit.jupiter.api.Test;

class TimeBoundTests {

    @Test
    void bareDateMeansBeijingMidnightAsFromAndTheWholeDayAsTo() {
        assertThat(TimeBound.from("2026-05-01")).isEqualTo(Instant.parse("2026-04-30T16:00:00Z"));
        assertThat(TimeBound.to("2026-05-01")).isEqualTo(Instant.parse("2026-05-01T16:00:00Z"));
    }

    @Test
    void localDateTimeFromThePageFormIsBeijingTime() {
        assertThat(TimeBound.from("2026-05-01T08:30")).isEqualTo(Instant.parse("2026-05-01T00:30:00Z"));
    }

    @Test
    void theTimeAsThePageShowsItWithASpaceAndOptionalSecondsIsBeijingTimeToo() {
        assertThat(TimeBound.from("2026-05-01 08:30")).isEqualTo(Instant.parse("2026-05-01T00:30:00Z"));
        assertThat(TimeBound.to(" 2026-05-01 08:30:15 ")).isEqualTo(Instant.parse("2026-05-01T00:30:15Z"));
        assertThat(TimeBound.from("2026-05-01T08:30:15")).isEqualTo(Instant.parse("2026-05-01T00:30:15Z"));
        assertThat(TimeBound.from("2026-05-01 08:30:00 08:00")).isEqualTo(Instant.parse("2026-05-01T00:30:00Z"));
    }

    @Test
    void dateTimeWithOffsetIsTakenAsGivenEvenWhenItsPlusSignArrivedAsASpace() {
        assertThat(TimeBound.from("2026-05-01T08:30:00Z")).isEqualTo(Instant.parse("2026-05-01T08:30:00Z"));
        assertThat(TimeBound.to("2026-05-01T08:30:00 08:00")).isEqualTo(Instant.parse("2026-05-01T00:30:00Z"));
    }

    @Test
    void nothingGivenMeansNoBound() {
        assertThat(TimeBound.from(" ")).isNull();
    }

    @Test
    void anythingElseIsRefusedNamingTheField() {
        assertThatThrownBy(() -> TimeBound.from("2026-05-01 25:00")).isInstanceOf(Invalid.class);
        assertThatThrownBy(() -> TimeBound.to("tomorrow")).isInstanceOfSatisfying(Invalid.class,
                e -> assertThat(e.problems()).singleElement().satisfies(p -> assertThat(p.field()).isEqualTo("to")));
    }
}
